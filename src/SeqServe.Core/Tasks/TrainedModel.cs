using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using TorchSharp;

namespace SeqServe.Core.Tasks;

/// <summary>
/// What a recipe's training produced: the fitted network (its weights are saved for it) and what the
/// manifest says about it besides what every recipe shares: its architecture, the data and split, what
/// serving needs besides weights, and its held-out metrics and baseline.
/// </summary>
public sealed record TrainedModel(torch.nn.Module Network, JsonObject Architecture, DatasetRef Dataset)
{
    public JsonObject Preprocessing { get; init; } = [];
    /// <summary>Held-out metrics; the best epoch's losses (and accuracy) are added to them.</summary>
    public Dictionary<string, double> Metrics { get; init; } = [];
    public string? Baseline { get; init; }
}
