using SeqServe.Core.Modeling;
using SeqServe.Tests;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Modeling;

public class StepNetworkRoundTripTests
{
    public static TheoryData<CellKind, bool, string> Cells => new()
    {
        { CellKind.Rnn, false, "tanh" },
        { CellKind.Rnn, true, "relu" },
        { CellKind.Lstm, false, "tanh" },
        { CellKind.Lstm, true, "tanh" },
        { CellKind.Gru, false, "tanh" },
        { CellKind.Gru, true, "tanh" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Save_then_load_gives_identical_outputs(CellKind cell, bool bidirectional, string nonlinearity)
    {
        using var dir = new TempDir();
        var config = new StepNetworkConfig
        {
            Encoder = new RecurrentConfig
            {
                Cell = cell, InputSize = 3, Hidden = 8, Layers = 2, Bidirectional = bidirectional,
                Dropout = 0.2, Nonlinearity = nonlinearity,
            },
            Outputs = 2,
        };
        manual_seed(7);
        using var original = new StepNetwork(config);
        original.eval();
        ModelFiles.SaveWeights(original, dir.Path);

        manual_seed(99); // different initial weights, so only the load can make them equal
        using var loaded = ModelFiles.LoadWeights(new StepNetwork(config), dir.Path);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var input = randn(4, 5, 3);
        var a = original.call(input);
        var b = loaded.call(input);
        Assert.Equal(new long[] { 4, 5, 2 }, b.shape);
        Assert.True(a.equal(b).all().item<bool>(), "outputs differ after a save/load round trip");
    }

    [Fact]
    public void Input_output_dropout_acts_in_training_only_and_adds_no_checkpoint_keys()
    {
        using var dir = new TempDir();
        var plain = new StepNetworkConfig
        {
            Encoder = new RecurrentConfig { Cell = CellKind.Lstm, InputSize = 6, Hidden = 8, Layers = 2, Dropout = 0.2 },
            Outputs = 5, Vocabulary = 5, EmbeddingDim = 6,
        };
        var withDropout = plain with { InputOutputDropout = 0.5 };
        manual_seed(7);
        using var original = new StepNetwork(withDropout);
        using (var reference = new StepNetwork(plain))
            Assert.Equal(reference.state_dict().Keys.Order(), original.state_dict().Keys.Order());
        ModelFiles.SaveWeights(original, dir.Path);
        manual_seed(99);
        using var loaded = ModelFiles.LoadWeights(new StepNetwork(withDropout), dir.Path);

        using var scope = NewDisposeScope();
        var input = tensor(new long[] { 1, 2, 3, 4, 0, 1, 2, 3 }).reshape(2, 4);
        original.train();
        using (no_grad())
            Assert.False(original.call(input).equal(original.call(input)).all().item<bool>(), "dropout did nothing in training");
        original.eval();
        loaded.eval();
        using var mode = inference_mode();
        Assert.True(original.call(input).equal(loaded.call(input)).all().item<bool>(), "outputs differ after a save/load round trip");
        Assert.True(original.call(input).equal(original.call(input)).all().item<bool>(), "evaluation is not deterministic");
    }

    [Fact]
    public void Loading_weights_into_a_different_shape_is_refused()
    {
        using var dir = new TempDir();
        var small = new StepNetworkConfig { Encoder = new RecurrentConfig { Hidden = 4 }, Outputs = 1 };
        using (var net = new StepNetwork(small)) ModelFiles.SaveWeights(net, dir.Path);

        var large = small with { Encoder = small.Encoder with { Hidden = 16 } };
        Assert.Throws<SeqServe.Core.Checkpoints.CheckpointException>(() => ModelFiles.LoadWeights(new StepNetwork(large), dir.Path));
    }
}
