using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>What a recipe gets for one training run.</summary>
public sealed record RecipeContext(
    JobSpec Spec,
    string ModelName,
    string OutputDir,
    PackageCache Packages,
    ITrainingListener Listener,
    ILogger Log,
    CancellationToken Cancel,
    string? JobId = null,
    CheckpointStore? Store = null);
