namespace SeqServe.Core.Training;

/// <summary>Training hyper-parameters as a request gives them: every field optional, defaults per recipe.</summary>
public sealed record TrainingSpec
{
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public double? LearningRate { get; init; }
    /// <summary>"adam" or "sgd".</summary>
    public string? Optimizer { get; init; }
    public int? Seed { get; init; }
    /// <summary>Gradient-norm clipping; 0 turns clipping off.</summary>
    public double? ClipNorm { get; init; }
    /// <summary>Train on at most this many training examples (a quick run on a slice of the data).</summary>
    public int? MaxExamples { get; init; }
    /// <summary>Stop training (keeping the best epoch so far) after this many minutes.</summary>
    public double? MaxMinutes { get; init; }
    /// <summary>Early stopping: epochs without a better validation loss before stopping.</summary>
    public int? Patience { get; init; }
    /// <summary>Learning-rate decay: the rate is multiplied by this factor after every epoch (1 keeps it constant).</summary>
    public double? LrDecay { get; init; }
    /// <summary>Train on long streams cut into consecutive windows, the hidden state carried from one window to
    /// the next (truncated BPTT, as in the seeds' stateful examples). Only recipes that can stream accept it.</summary>
    public bool? CarryState { get; init; }
    /// <summary>Text classifiers: short crops (a sentence or a phrase) of every training text added per epoch, each
    /// labelled as its text; drawn afresh every epoch. 0 trains on whole texts only. Only recipes that crop accept it.</summary>
    public int? Crops { get; init; }
    /// <summary>Sentiment: phrases per rated lexicon word added per epoch (plain and negated, see LexiconPhrases); 0 adds none.</summary>
    public int? LexiconPhrases { get; init; }
    /// <summary>Start from the weights of this version of the same model (same architecture and vocabulary) instead of a fresh
    /// initialisation: a fine-tuning run. Only recipes that can warm-start accept it.</summary>
    public string? InitFrom { get; init; }
    /// <summary>Character model: more text to train on beside the book's training chapters ("sotu" or "sotu-YYYY", see
    /// SotuText); the held-out chapters are never mixed with it. Only recipes that read extra text accept it.</summary>
    public string? ExtraText { get; init; }
    /// <summary>Characters of <see cref="ExtraText"/> added to every epoch, read on cyclically from epoch to epoch.</summary>
    public int? ExtraCharsPerEpoch { get; init; }
    /// <summary>How the checkpoint stores its weights: "float32" or "float16" (half the file; the kept weights are rounded
    /// before the held-out figures are measured). See <see cref="Modeling.WeightPrecision"/>.</summary>
    public string? WeightsPrecision { get; init; }

    /// <summary>Fills every missing field from <paramref name="defaults"/>.</summary>
    public TrainingConfig Resolve(TrainingConfig defaults) => new()
    {
        Epochs = Epochs ?? defaults.Epochs,
        BatchSize = BatchSize ?? defaults.BatchSize,
        LearningRate = LearningRate ?? defaults.LearningRate,
        Optimizer = Optimizer ?? defaults.Optimizer,
        Seed = Seed ?? defaults.Seed,
        ClipNorm = ClipNorm ?? defaults.ClipNorm,
        MaxExamples = MaxExamples ?? defaults.MaxExamples,
        MaxMinutes = MaxMinutes ?? defaults.MaxMinutes,
        Patience = Patience ?? defaults.Patience,
        LrDecay = LrDecay ?? defaults.LrDecay,
        CarryState = CarryState ?? defaults.CarryState,
        Crops = Crops ?? defaults.Crops,
        LexiconPhrases = LexiconPhrases ?? defaults.LexiconPhrases,
        InitFrom = InitFrom ?? defaults.InitFrom,
        ExtraText = ExtraText ?? defaults.ExtraText,
        ExtraCharsPerEpoch = ExtraCharsPerEpoch ?? defaults.ExtraCharsPerEpoch,
        WeightsPrecision = WeightsPrecision ?? defaults.WeightsPrecision,
    };
}

/// <summary>Resolved training hyper-parameters; written into every manifest.</summary>
public sealed record TrainingConfig
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 0.001;
    public string Optimizer { get; init; } = "adam";
    public int Seed { get; init; } = 42;
    public double ClipNorm { get; init; } = 5.0;
    public int? MaxExamples { get; init; }
    public double MaxMinutes { get; init; } = 60;
    public int Patience { get; init; } = 3;
    public double LrDecay { get; init; } = 1.0;
    public bool CarryState { get; init; }
    public int Crops { get; init; }
    public int LexiconPhrases { get; init; }
    public string? InitFrom { get; init; }
    public string? ExtraText { get; init; }
    public int? ExtraCharsPerEpoch { get; init; }
    public string WeightsPrecision { get; init; } = Modeling.WeightPrecision.Float32;
}
