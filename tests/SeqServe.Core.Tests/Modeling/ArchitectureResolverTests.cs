using SeqServe.Core.Modeling;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tests.Modeling;

public class ArchitectureResolverTests
{
    private static readonly RecurrentConfig Defaults = new() { Cell = CellKind.Lstm, Hidden = 16, Layers = 2, Dropout = 0.1 };

    [Fact]
    public void A_step_network_takes_the_request_then_the_recipe_default_for_input_output_dropout()
    {
        var requested = ArchitectureResolver.Step(new ArchitectureSpec { InputOutputDropout = 0.3, Hidden = 8 }, Defaults, 4, outputs: 2);
        Assert.Equal(0.3, requested.InputOutputDropout);
        Assert.Equal((8, 4, 2), (requested.Encoder.Hidden, requested.Encoder.InputSize, requested.Outputs));
        Assert.Null(requested.Vocabulary);
        Assert.Null(requested.EmbeddingDim);

        Assert.Null(ArchitectureResolver.Step(null, Defaults, 4, outputs: 2).InputOutputDropout);
        Assert.Equal(0.25, ArchitectureResolver.Step(new ArchitectureSpec(), Defaults, 4, outputs: 2, defaultInputOutputDropout: 0.25).InputOutputDropout);
    }

    [Fact]
    public void Token_inputs_get_an_embedding_as_wide_as_the_encoder_input()
    {
        var config = ArchitectureResolver.Step(null, Defaults, inputSize: 12, outputs: 30, vocabulary: 30);
        Assert.Equal((30, 12, 12), (config.Vocabulary, config.EmbeddingDim, config.Encoder.InputSize));
        Assert.Equal(Defaults with { InputSize = 12 }, config.Encoder);
    }
}
