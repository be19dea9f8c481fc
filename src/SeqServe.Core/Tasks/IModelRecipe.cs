using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>
/// Everything task-specific about one kind of model: how to train it from its dataset and how to load
/// a checkpoint it wrote. The engine (trainer, checkpoint store, registry, jobs) is shared; a recipe
/// supplies data, network head, loss, metrics and the serving object.
/// </summary>
public interface IModelRecipe
{
    /// <summary>The dataset it trains on; also its key in manifests ("recipe").</summary>
    string Dataset { get; }
    /// <summary>"sentiment", "pos" or "sequence".</summary>
    string Task { get; }
    /// <summary>What the served model does: "per-step", "forecast", "map", …</summary>
    string Kind { get; }
    /// <summary>The model name used when a request names none.</summary>
    string DefaultModel { get; }

    /// <summary>Whether it accepts <c>training.carryState</c> (streams cut into consecutive windows, state carried).</summary>
    bool CanCarryState => false;

    /// <summary>The request fields it reads (<see cref="RecipeFields"/>); any other field a request gives is a 400.</summary>
    IReadOnlySet<string> Reads => RecipeFields.Shared;

    /// <summary>What a run for <paramref name="spec"/> holds (after the bounds hold), for the cost check before a job is accepted.</summary>
    JobShape Shape(JobSpec spec);

    /// <summary>Recipe-specific checks on top of <see cref="SpecBounds"/>; adds "field → message" errors.</summary>
    void Validate(JobSpec spec, IDictionary<string, string[]> errors) { }

    /// <summary>Trains a model and writes its files into <see cref="RecipeContext.OutputDir"/>; returns the manifest to commit.</summary>
    CheckpointManifest Train(RecipeContext context);

    /// <summary>Builds the serving object from a verified checkpoint.</summary>
    IServedModel Load(CheckpointManifest manifest, string versionDir);
}
