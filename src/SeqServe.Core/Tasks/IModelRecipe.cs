using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Serving;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>
/// Everything task-specific about one kind of model: how to train it from its dataset and how to load
/// a checkpoint it wrote. The engine (trainer, checkpoint store, registry, jobs) is shared; a recipe
/// supplies data, network, loss, metrics and the serving object; <see cref="ModelTraining"/> does the rest.
/// </summary>
public interface IModelRecipe
{
    /// <summary>The dataset it trains on (<see cref="Data"/>'s name); also its key in manifests ("recipe").</summary>
    string Dataset { get; }
    /// <summary>The dataset it trains on: source, licence, pinned package.</summary>
    DatasetInfo Data { get; }
    /// <summary>The name of the task it belongs to (its <see cref="TaskRegistration"/>).</summary>
    string Task { get; }
    /// <summary>What the served model does (the served class's <c>ServedKind</c>).</summary>
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

    /// <summary>The training settings a request leaves out.</summary>
    TrainingConfig DefaultTraining { get; }

    /// <summary>
    /// Loads the data, builds the network, fits it with <see cref="RecipeRun.Fit"/> and scores it on held-out
    /// data. Called by <see cref="ModelTraining"/>, which has resolved and seeded the run, and which saves the
    /// weights and drafts the manifest afterwards.
    /// </summary>
    TrainedModel Train(RecipeRun run);

    /// <summary>Builds the serving object from a verified checkpoint.</summary>
    IServedModel Load(CheckpointManifest manifest, string versionDir);
}
