using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SeqServe.Core.Training;

namespace SeqServe.Core.Checkpoints;

/// <summary>
/// manifest.json of a checkpoint version: what the model is, how it was trained, on which data and
/// split, how well it did on held-out data, and the SHA-256 of every file beside it.
/// </summary>
public sealed record CheckpointManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Name { get; init; }
    public string Version { get; init; } = "";
    public required string Task { get; init; }
    public required string Kind { get; init; }
    /// <summary>The recipe that trained it and knows how to load it (its dataset name).</summary>
    public required string Recipe { get; init; }
    public required JsonObject Architecture { get; init; }
    /// <summary>How it was trained; null for a model trained outside SeqServe (an uploaded TorchScript file).</summary>
    public TrainingConfig? Training { get; init; }
    public required DatasetRef Dataset { get; init; }
    /// <summary>Vocabulary, tag set, normalisation statistics: whatever serving needs besides weights.</summary>
    public JsonObject Preprocessing { get; init; } = [];
    public Dictionary<string, double> Metrics { get; init; } = [];
    /// <summary>Names the baseline behind <c>baselineRmse</c> and similar figures.</summary>
    public string? Baseline { get; init; }
    public IReadOnlyList<EpochMetrics> History { get; init; } = [];
    public string? StopReason { get; init; }
    public double TrainingSeconds { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? JobId { get; init; }
    /// <summary>
    /// True for a version made with <c>promote: false</c> (a job or an upload): it is listed but never served until it
    /// is promoted, not even as the newest version of a model without a PROMOTED file. Null (not written) otherwise.
    /// </summary>
    public bool? Held { get; init; }
    /// <summary>File name → SHA-256 (lower-case hex) of every file in the version folder but the manifest.</summary>
    public Dictionary<string, string> Files { get; init; } = [];
    /// <summary>
    /// The format of the model file, as the Open Inference Protocol names platforms: null for SeqServe's own
    /// (TorchSharp weights in <c>weights.bin</c>, built by its recipe), <see cref="TorchScriptPlatform"/> for a
    /// TorchScript archive in <c>model.pt</c> whose signature is the architecture.
    /// </summary>
    public string? Platform { get; init; }

    public const string TorchScriptPlatform = "pytorch_torchscript";

    /// <summary>The file every version of this platform must hold.</summary>
    [JsonIgnore]
    public string ModelFile => Platform == TorchScriptPlatform ? "model.pt" : CheckpointStore.WeightsFile;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>Where the training data came from and how it was split; <see cref="ExtraSources"/>: further training-only text.</summary>
public sealed record DatasetRef(string Name, string Source, string Split, Dictionary<string, int>? Counts = null)
{
    public IReadOnlyList<DataSource>? ExtraSources { get; init; }
}

/// <summary>A further training source: what it is, where it comes from, its licence, its size and how it was used.</summary>
public sealed record DataSource(string Name, string Source, string Licence, int Files, int Chars, string Use);
