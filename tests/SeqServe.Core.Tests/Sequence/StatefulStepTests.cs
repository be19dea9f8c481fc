using SeqServe.Core.Modeling;
using SeqServe.Core.Sequence.Shared;
using SeqServe.Core.Serving;

namespace SeqServe.Core.Tests.Sequence;

public class StatefulStepTests
{
    /// <summary>Stated tolerance for step-by-step versus whole-sequence outputs (float32 arithmetic).</summary>
    public const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(CellKind.Lstm, 1)]
    [InlineData(CellKind.Lstm, 3)]
    [InlineData(CellKind.Gru, 2)]
    [InlineData(CellKind.Rnn, 1)]
    public void Feeding_a_series_in_pieces_gives_the_outputs_of_feeding_it_whole(CellKind cell, int piece)
    {
        TorchSharp.torch.manual_seed(3);
        var regressor = new PerStepRegressor(new StepNetwork(new StepNetworkConfig
        {
            Encoder = new RecurrentConfig { Cell = cell, InputSize = 1, Hidden = 16, Layers = 2 }, Outputs = 1,
        }));
        var series = Enumerable.Range(0, 40).Select(t => new[] { MathF.Sin(t * 0.3f) }).ToArray();
        var whole = regressor.Predict([series])[0];

        var stepped = new List<float>();
        StepperState? state = null;
        for (var i = 0; i < series.Length; i += piece)
        {
            var (outputs, next) = regressor.Step(series[i..Math.Min(series.Length, i + piece)], state);
            state?.Dispose();
            state = next;
            stepped.AddRange(outputs);
        }
        state?.Dispose();

        Assert.Equal(whole.Length, stepped.Count);
        for (var i = 0; i < whole.Length; i++)
            Assert.True(Math.Abs(whole[i] - stepped[i]) <= Tolerance, $"step {i}: {whole[i]} vs {stepped[i]}");
    }

    [Fact]
    public void Empty_or_malformed_steps_are_input_errors()
    {
        var regressor = new PerStepRegressor(new StepNetwork(new StepNetworkConfig
        {
            Encoder = new RecurrentConfig { InputSize = 1, Hidden = 4 }, Outputs = 1,
        }));
        Assert.Equal("inputs", Assert.Throws<ModelInputException>(() => regressor.Step([], null)).Field);
        Assert.Equal("inputs[1]", Assert.Throws<ModelInputException>(() => regressor.Step([[1f], [1f, 2f]], null)).Field);
        Assert.Equal("inputs[0]", Assert.Throws<ModelInputException>(() => regressor.Step([[float.NaN]], null)).Field);
    }
}
