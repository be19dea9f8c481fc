using SeqServe.Core.Modeling;
using SeqServe.Core.Tests.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Modeling;

/// <summary>
/// The dense encoder equals the packed reference (libtorch's stacked module on packed sequences) to 1e-5:
/// outputs, final hidden states and input gradients, for every cell, direction and depth, on mixed lengths.
/// </summary>
[Collection(nameof(TorchGlobalRandom))]
public class RecurrentEncoderEqualityTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<CellKind, string, bool, int> Shapes()
    {
        var data = new TheoryData<CellKind, string, bool, int>();
        foreach (var (cell, nonlinearity) in new[] { (CellKind.Rnn, "tanh"), (CellKind.Rnn, "relu"), (CellKind.Lstm, "tanh"), (CellKind.Gru, "tanh") })
            foreach (var bidirectional in new[] { false, true })
                for (var layers = 1; layers <= 3; layers++)
                    data.Add(cell, nonlinearity, bidirectional, layers);
        return data;
    }

    private static RecurrentEncoder Encoder(CellKind cell, string nonlinearity, bool bidirectional, int layers, long seed = 17)
    {
        manual_seed(seed);
        var encoder = new RecurrentEncoder(new RecurrentConfig
        {
            Cell = cell, Nonlinearity = nonlinearity, InputSize = 5, Hidden = 7, Layers = layers,
            Bidirectional = bidirectional, Dropout = 0.3,
        });
        encoder.eval();
        return encoder;
    }

    /// <summary>Lengths with one full-length sequence, one of length 1, repeats, and padding after every short one.</summary>
    private static readonly long[] MixedLengths = [9, 4, 1, 9, 6, 4, 2];

    private static (Tensor Input, Tensor Lengths) PaddedBatch(long[] lengths, long steps)
    {
        var input = randn(lengths.Length, steps, 5) * 2;
        var positions = arange(steps).unsqueeze(0);
        var padding = positions >= tensor(lengths).unsqueeze(1);
        return (input.masked_fill(padding.unsqueeze(2), 0), tensor(lengths));
    }

    private static double Difference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Padded_batch_equals_the_packed_reference(CellKind cell, string nonlinearity, bool bidirectional, int layers)
    {
        using var encoder = Encoder(cell, nonlinearity, bidirectional, layers);
        using var scope = NewDisposeScope();
        manual_seed(5);
        // one step more than the longest: trailing all-padding steps must come back as zeros too
        var (input, lengths) = PaddedBatch(MixedLengths, steps: 10);

        AssertEqualToPacked(encoder, input, lengths);
    }

    private static void AssertEqualToPacked(RecurrentEncoder encoder, Tensor input, Tensor lengths)
    {
        var (outputs, hidden) = encoder.Run(input, lengths);
        encoder.PackedReference = true;
        var (expectedOutputs, expectedHidden) = encoder.Run(input, lengths);
        encoder.PackedReference = false;

        Assert.Equal(expectedOutputs.shape, outputs.shape);
        Assert.Equal(expectedHidden.shape, hidden.shape);
        Assert.True(Difference(outputs, expectedOutputs) <= Tolerance, $"outputs differ by {Difference(outputs, expectedOutputs):g3}");
        Assert.True(Difference(hidden, expectedHidden) <= Tolerance, $"final hidden states differ by {Difference(hidden, expectedHidden):g3}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_through_a_padded_batch_equal_the_packed_reference(CellKind cell, string nonlinearity, bool bidirectional, int layers)
    {
        using var encoder = Encoder(cell, nonlinearity, bidirectional, layers);
        using var scope = NewDisposeScope();
        manual_seed(6);
        var (batch, lengths) = PaddedBatch(MixedLengths, steps: 9);
        var weights = randn(MixedLengths.Length, 9, encoder.Config.OutputSize);
        var hiddenWeights = randn(layers * encoder.Config.Directions, MixedLengths.Length, 7);

        Tensor InputGradient()
        {
            var input = batch.detach().clone().requires_grad_(true);
            var (outputs, hidden) = encoder.Run(input, lengths);
            ((outputs * weights).sum() + (hidden * hiddenWeights).sum()).backward();
            return input.grad!;
        }

        var gradient = InputGradient();
        encoder.PackedReference = true;
        var expected = InputGradient();
        encoder.PackedReference = false;

        Assert.True(expected.abs().max().item<float>() > 0, "the reference gradient is zero: the test would prove nothing");
        Assert.True(Difference(gradient, expected) <= Tolerance, $"input gradients differ by {Difference(gradient, expected):g3}");
    }

    /// <summary>Long and short sequences mixed: the batch runs in several length groups.</summary>
    private static long[] BimodalLengths() =>
        Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? 90L + i % 7 : 1L + i % 6).ToArray();

    [Theory]
    [InlineData(CellKind.Lstm, "tanh", true, 2)]
    [InlineData(CellKind.Gru, "tanh", true, 3)]
    [InlineData(CellKind.Rnn, "relu", false, 2)]
    public void A_batch_split_into_length_groups_equals_the_packed_reference(CellKind cell, string nonlinearity, bool bidirectional, int layers)
    {
        var lengths = BimodalLengths();
        Assert.True(LengthGroups.Plan(lengths).Count > 1, "the batch must run in several groups for this test to mean anything");
        using var encoder = Encoder(cell, nonlinearity, bidirectional, layers);
        using var scope = NewDisposeScope();
        manual_seed(9);
        var (input, lengthTensor) = PaddedBatch(lengths, steps: 100);
        AssertEqualToPacked(encoder, input, lengthTensor);
    }

    [Fact]
    public void Length_groups_cover_the_batch_once_and_split_only_when_it_pays()
    {
        var lengths = BimodalLengths();
        var groups = LengthGroups.Plan(lengths);
        Assert.Equal(Enumerable.Range(0, lengths.Length), groups.SelectMany(g => g).Order());
        Assert.Equal(2, groups.Count);
        Assert.All(groups[0], i => Assert.True(lengths[i] >= 90));
        Assert.Single(LengthGroups.Plan([200, 198, 197, 199, 200, 196]));
        Assert.Single(LengthGroups.Plan([7]));
    }

    [Theory]
    [InlineData(CellKind.Lstm, true, 3)]
    [InlineData(CellKind.Gru, false, 2)]
    [InlineData(CellKind.Rnn, true, 1)]
    public void A_batch_without_padding_and_a_carried_state_equal_the_stacked_module(CellKind cell, bool bidirectional, int layers)
    {
        using var encoder = Encoder(cell, "tanh", bidirectional, layers);
        manual_seed(17);
        using var stacked = StackedModule(cell, bidirectional, layers, dropout: 0.3);
        stacked.eval();
        using var scope = NewDisposeScope();
        manual_seed(8);
        var input = randn(4, 6, 5);
        var h0 = randn(layers * (bidirectional ? 2 : 1), 4, 7);
        var c0 = randn(h0.shape);

        var (outputs, state) = encoder.Run(input, new RecurrentState(h0, cell == CellKind.Lstm ? c0 : null));
        var (expected, expectedH, expectedC) = cell switch
        {
            CellKind.Lstm => ((LSTM)stacked).call(input, (h0, c0)),
            CellKind.Gru => Pair(((GRU)stacked).call(input, h0)),
            _ => Pair(((RNN)stacked).call(input, h0)),
        };

        Assert.True(Difference(outputs, expected) <= Tolerance, $"outputs differ by {Difference(outputs, expected):g3}");
        Assert.True(Difference(state.H, expectedH) <= Tolerance, $"h differs by {Difference(state.H, expectedH):g3}");
        if (expectedC is not null) Assert.True(Difference(state.C!, expectedC) <= Tolerance, "c differs");
        // all lengths full: the padded entry point gives the same
        var (viaLengths, hidden) = encoder.Run(input, full(4, 6L, ScalarType.Int64));
        Assert.True(Difference(viaLengths, encoder.Run(input).Outputs) <= Tolerance);
        Assert.Equal(encoder.Run(input).State.H.shape, hidden.shape);
    }

    private static (Tensor, Tensor, Tensor?) Pair((Tensor Y, Tensor H) result) => (result.Y, result.H, null);

    private static nn.Module StackedModule(CellKind cell, bool bidirectional, int layers, double dropout) => cell switch
    {
        CellKind.Lstm => nn.LSTM(5, 7, layers, batchFirst: true, dropout: layers > 1 ? dropout : 0, bidirectional: bidirectional),
        CellKind.Gru => nn.GRU(5, 7, layers, batchFirst: true, dropout: layers > 1 ? dropout : 0, bidirectional: bidirectional),
        _ => nn.RNN(5, 7, layers, nn.NonLinearities.Tanh, batchFirst: true, dropout: layers > 1 ? dropout : 0, bidirectional: bidirectional),
    };

    [Theory]
    [InlineData(CellKind.Lstm, true, 2)]
    [InlineData(CellKind.Gru, true, 1)]
    [InlineData(CellKind.Rnn, false, 3)]
    public void Parameters_keep_the_stacked_keys_shapes_and_seeded_initial_values(CellKind cell, bool bidirectional, int layers)
    {
        using var encoder = Encoder(cell, "tanh", bidirectional, layers, seed: 23);
        var afterEncoder = rand(3);
        manual_seed(23);
        using var stacked = StackedModule(cell, bidirectional, layers, dropout: 0.3);
        var afterStacked = rand(3);

        var expected = stacked.named_parameters().ToDictionary(p => "rnn." + p.name, p => p.parameter);
        var actual = encoder.state_dict();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, tensor) in expected)
        {
            Assert.Equal(tensor.shape, actual[key].shape);
            Assert.True(tensor.equal(actual[key]).all().item<bool>(), $"{key} starts from other values than the stacked module's");
        }
        Assert.Equal(expected.Count, encoder.parameters().Count());
        Assert.True(afterEncoder.equal(afterStacked).all().item<bool>(), "building the encoder drew a different amount of randomness");
    }

    [Fact]
    public void Between_layer_dropout_acts_in_training_only()
    {
        using var encoder = Encoder(CellKind.Lstm, "tanh", bidirectional: true, layers: 2);
        using var scope = NewDisposeScope();
        var (input, lengths) = PaddedBatch(MixedLengths, steps: 9);
        var evaluated = encoder.Run(input, lengths).Outputs;
        Assert.True(Difference(evaluated, encoder.Run(input, lengths).Outputs) == 0);
        encoder.train();
        manual_seed(1);
        var trained = encoder.Run(input, lengths).Outputs;
        Assert.True(Difference(trained, evaluated) > 1e-3, "dropout between layers did not act in training");
    }

    [Fact]
    public void A_length_outside_the_steps_is_refused()
    {
        using var encoder = Encoder(CellKind.Gru, "tanh", bidirectional: true, layers: 1);
        using var scope = NewDisposeScope();
        var input = randn(2, 4, 5);
        Assert.Throws<ArgumentException>(() => encoder.Run(input, tensor(new long[] { 4, 0 })));
        Assert.Throws<ArgumentException>(() => encoder.Run(input, tensor(new long[] { 5, 2 })));
    }
}
