namespace SeqServe.Core.Sequence.SineCosine;

/// <summary>
/// The seeds' synthetic regression task: windows of sin(t) as input, cos(t) as the target at every
/// step. Windows start at seeded random phases; t advances by <see cref="StepSize"/> per step. A long
/// window is a continuous stream (the carried-state regime cuts it into consecutive training windows).
/// </summary>
public sealed class SineCosineData
{
    public const double StepSize = 0.1;

    public float[][] Inputs { get; }
    public float[][] Targets { get; }

    public SineCosineData(int windows, int steps, Random rng)
    {
        Inputs = new float[windows][];
        Targets = new float[windows][];
        for (var w = 0; w < windows; w++)
        {
            var t0 = rng.NextDouble() * 2 * Math.PI;
            Inputs[w] = Enumerable.Range(0, steps).Select(i => (float)Math.Sin(t0 + i * StepSize)).ToArray();
            Targets[w] = Enumerable.Range(0, steps).Select(i => (float)Math.Cos(t0 + i * StepSize)).ToArray();
        }
    }

    public int Count => Inputs.Length;
}
