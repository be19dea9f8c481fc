using SeqServe.Core.Modeling;
using SeqServe.Core.Text;

namespace SeqServe.Core.Training;

/// <summary>
/// The documented bounds of every hyper-parameter. A request outside them is refused with a message
/// naming the field and the bound, long before anything is allocated.
/// </summary>
public static class SpecBounds
{
    public const int MaxHidden = 1024;
    public const int MaxLayers = 4;
    public const double MaxDropout = 0.9;
    public const int MaxEmbeddingDim = 512;
    public const int MaxHeads = 16;
    public const int MaxEnsemble = 8;
    public const int MaxFfHidden = 4096;
    public const int MinWindow = 2, MaxWindow = 1000;
    public const int MaxEpochs = 500;
    public const int MaxBatchSize = 4096;
    public const double MaxLearningRate = 10;
    public const double MaxClipNorm = 1000;
    public const int MaxExamplesLimit = 10_000_000;
    public const double MaxMinutesLimit = 24 * 60;
    public const int MaxPatience = 100;
    public const double MinLrDecay = 0.01;

    public static readonly string[] Encoders = ["recurrent", "transformer"];
    public static readonly string[] Attentions = ["none", "self"];
    public static readonly string[] Cells = ["rnn", "lstm", "gru"];
    public static readonly string[] Nonlinearities = ["tanh", "relu"];
    public static readonly string[] Optimizers = ["adam", "sgd"];
    public static readonly string[] Poolings = ["last", "max", "attention"];
    public static readonly string[] InputEncodings = ["embedding", "one-hot"];

    public static void Check(ArchitectureSpec? a, IDictionary<string, string[]> errors)
    {
        if (a is null) return;
        OneOf(errors, "architecture.cell", a.Cell, Cells);
        OneOf(errors, "architecture.nonlinearity", a.Nonlinearity, Nonlinearities);
        if (a.Nonlinearity is not null && a.Cell is not null && a.Cell != "rnn")
            Add(errors, "architecture.nonlinearity", "nonlinearity applies only to cell 'rnn'.");
        Range(errors, "architecture.hidden", a.Hidden, 1, MaxHidden);
        Range(errors, "architecture.layers", a.Layers, 1, MaxLayers);
        Range(errors, "architecture.dropout", a.Dropout, 0, MaxDropout);
        Range(errors, "architecture.inputOutputDropout", a.InputOutputDropout, 0, MaxDropout);
        Range(errors, "architecture.embeddingDim", a.EmbeddingDim, 1, MaxEmbeddingDim);
        Range(errors, "architecture.charFilters", a.CharFilters, 0, MaxEmbeddingDim);
        Range(errors, "architecture.ensemble", a.Ensemble, 1, MaxEnsemble);
        Range(errors, "architecture.window", a.Window, MinWindow, MaxWindow);
        OneOf(errors, "architecture.pooling", a.Pooling, Poolings);
        OneOf(errors, "architecture.inputEncoding", a.InputEncoding, InputEncodings);
        CheckAttention(a, errors);
    }

    /// <summary>The encoder kind and attention fields, and the fields that do not apply to a transformer.</summary>
    private static void CheckAttention(ArchitectureSpec a, IDictionary<string, string[]> errors)
    {
        OneOf(errors, "architecture.encoder", a.Encoder, Encoders);
        OneOf(errors, "architecture.attention", a.Attention, Attentions);
        Range(errors, "architecture.heads", a.Heads, 1, MaxHeads);
        Range(errors, "architecture.ffHidden", a.FfHidden, 1, MaxFfHidden);
        var transformer = a.Encoder == "transformer";
        if (transformer)
        {
            const string recurrentOnly = "applies only to the recurrent encoder; leave it out with encoder 'transformer'.";
            if (a.Cell is not null) Add(errors, "architecture.cell", recurrentOnly);
            if (a.Nonlinearity is not null) Add(errors, "architecture.nonlinearity", recurrentOnly);
            if (a.Bidirectional is not null) Add(errors, "architecture.bidirectional", recurrentOnly + " A transformer sees the whole sequence (or, for per-step models, everything before each step).");
            if (a.Attention is not null) Add(errors, "architecture.attention", "a transformer is already made of self-attention: " + recurrentOnly);
        }
        if (a.Heads is not null && !transformer && a.Attention != "self")
            Add(errors, "architecture.heads", "applies only with encoder 'transformer' or attention 'self'.");
        if (a.FfHidden is not null && !transformer)
            Add(errors, "architecture.ffHidden", "applies only with encoder 'transformer'.");
    }

    /// <summary>After the recipe's defaults are filled in: the heads must divide the width the attention runs on.</summary>
    public static void CheckHeads(RecurrentConfig encoder, IDictionary<string, string[]> errors)
    {
        if (encoder.Heads > 0 && encoder.OutputSize % encoder.Heads != 0)
            Add(errors, "architecture.heads", $"must divide the attention width {encoder.OutputSize} " +
                $"({(encoder.IsTransformer ? "hidden" : "hidden × directions")}); got {encoder.Heads}.");
    }

    public static void Check(TrainingSpec? t, IDictionary<string, string[]> errors)
    {
        if (t is null) return;
        Range(errors, "training.epochs", t.Epochs, 1, MaxEpochs);
        Range(errors, "training.batchSize", t.BatchSize, 1, MaxBatchSize);
        if (t.LearningRate is { } lr && !(lr > 0 && lr <= MaxLearningRate))
            Add(errors, "training.learningRate", $"must be greater than 0 and at most {MaxLearningRate}.");
        OneOf(errors, "training.optimizer", t.Optimizer, Optimizers);
        Range(errors, "training.seed", t.Seed, 0, int.MaxValue);
        Range(errors, "training.clipNorm", t.ClipNorm, 0, MaxClipNorm);
        Range(errors, "training.maxExamples", t.MaxExamples, 1, MaxExamplesLimit);
        if (t.MaxMinutes is { } m && !(m > 0 && m <= MaxMinutesLimit))
            Add(errors, "training.maxMinutes", $"must be greater than 0 and at most {MaxMinutesLimit}.");
        Range(errors, "training.patience", t.Patience, 1, MaxPatience);
        Range(errors, "training.lrDecay", t.LrDecay, MinLrDecay, 1);
        OneOf(errors, "training.weightsPrecision", t.WeightsPrecision, Modeling.WeightPrecision.Names);
    }

    public static CellKind ParseCell(string cell) => cell switch
    {
        "rnn" => CellKind.Rnn,
        "gru" => CellKind.Gru,
        _ => CellKind.Lstm,
    };

    public static string Name(CellKind cell) => cell.ToString().ToLowerInvariant();

    private static void Range(IDictionary<string, string[]> errors, string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
            Add(errors, field, $"must be between {min} and {max} (got {v}).");
    }

    private static void OneOf(IDictionary<string, string[]> errors, string field, string? value, string[] allowed)
    {
        if (value is not null && !allowed.Contains(value))
            Add(errors, field, $"must be one of {string.Join(", ", allowed.Select(x => $"'{x}'"))} (got {TextChecks.Quote(value)}).");
    }

    public static void Add(IDictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
