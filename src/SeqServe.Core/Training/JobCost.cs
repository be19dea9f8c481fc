using SeqServe.Core.Modeling;

namespace SeqServe.Core.Training;

/// <summary>
/// What a training run holds, as its recipe resolves a request: the encoder, the trainer's knobs, the
/// steps per example, how many training examples, how many numbers one step of one example stores
/// (inputs and targets), and the parameters outside the encoder (embedding tables, output heads).
/// </summary>
public sealed record JobShape(RecurrentConfig Encoder, TrainingConfig Training, int Steps, long Examples, int FloatsPerStep,
    long OtherParameters);

/// <summary>Limits a job is checked against before it is accepted.</summary>
public sealed record JobLimits(double MaxMemoryMB, double MaxMinutes);

/// <summary>
/// A job's cost, estimated from its shape before anything is allocated: parameters (weights, gradients
/// and two Adam moments: 16 bytes each), the activations of one batch kept for backward (per step,
/// layer and direction: the cell's gates plus its state, forward and backward), and the training data
/// held as tensors. An upper-bound style estimate: it is meant to refuse the absurd, not to predict RSS.
/// </summary>
public sealed record JobCost(double ParameterBytes, double ActivationBytes, double DataBytes)
{
    public double TotalBytes => ParameterBytes + ActivationBytes + DataBytes;

    public static JobCost Estimate(JobShape shape)
    {
        var e = shape.Encoder;
        var gates = e.Cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
        double encoder = 0;
        for (var layer = 0; layer < e.Layers; layer++)
        {
            var input = layer == 0 ? e.InputSize : e.OutputSize;
            encoder += e.Directions * gates * ((double)e.Hidden * (input + e.Hidden) + 2.0 * e.Hidden);
        }
        var parameters = (encoder + shape.OtherParameters) * 16;
        var activations = (double)shape.Training.BatchSize * shape.Steps * e.Hidden * e.Directions * e.Layers * (gates + 2) * 4 * 2;
        var data = (double)shape.Examples * shape.Steps * shape.FloatsPerStep * 4;
        return new JobCost(parameters, activations, data);
    }

    /// <summary>Adds a 400 naming the fields to lower when the job is over a limit.</summary>
    public static void Check(JobShape shape, JobLimits limits, IDictionary<string, string[]> errors)
    {
        if (shape.Training.MaxMinutes is { } minutes && minutes > limits.MaxMinutes)
            SpecBounds.Add(errors, "training.maxMinutes", $"this service runs a job for at most {limits.MaxMinutes} minutes " +
                                                         $"(Worker:MaxJobMinutes); got {minutes}.");
        var cost = Estimate(shape);
        var limitBytes = limits.MaxMemoryMB * 1024 * 1024;
        if (cost.TotalBytes <= limitBytes) return;
        var message = $"the job would need about {Gb(cost.TotalBytes)} (training data {Gb(cost.DataBytes)}, one batch's activations " +
                      $"{Gb(cost.ActivationBytes)}, parameters with gradients and optimizer state {Gb(cost.ParameterBytes)}); this service " +
                      $"accepts at most {Gb(limitBytes)} (Worker:MaxJobMemoryMB). Lower this field.";
        var largest = new[] { cost.DataBytes, cost.ActivationBytes, cost.ParameterBytes }.Max();
        string[] fields = largest == cost.DataBytes ? ["training.maxExamples", "architecture.window"]
            : largest == cost.ActivationBytes ? ["training.batchSize", "architecture.window", "architecture.hidden", "architecture.layers"]
            : ["architecture.hidden", "architecture.layers"];
        foreach (var field in fields) SpecBounds.Add(errors, field, message);
    }

    private static string Gb(double bytes) => $"{bytes / (1024.0 * 1024 * 1024):0.##} GB";
}
