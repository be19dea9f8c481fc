using SeqServe.Core.Modeling;
using SeqServe.Core.Sentiment;

namespace SeqServe.Training.Bench;

/// <summary>The classic IMDB network the training figures are measured on (the reference shape).</summary>
internal sealed record BenchShape
{
    public int Vocabulary { get; init; } = 25_000;
    public int EmbeddingDim { get; init; } = 100;
    public int Hidden { get; init; } = 256;
    public int Layers { get; init; } = 2;
    public double Dropout { get; init; } = 0.5;
    public int BatchSize { get; init; } = 32;
    public int MaxTokens { get; init; } = 200;

    public SentimentNetworkConfig SeqServeConfig(int vocabulary) => new()
    {
        Vocabulary = vocabulary,
        EmbeddingDim = EmbeddingDim,
        Pooling = "last",
        Dropout = Dropout,
        Encoder = new RecurrentConfig
        {
            Cell = CellKind.Lstm, InputSize = EmbeddingDim, Hidden = Hidden, Layers = Layers, Bidirectional = true, Dropout = Dropout,
        },
    };
}
