using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;

namespace SeqServe.Api.Models;

/// <summary>Builds the served model of a stored version; the registry calls it on an inference thread.</summary>
public interface IVersionLoader
{
    /// <summary>Verifies and builds <paramref name="model"/>/<paramref name="version"/>; throws when it cannot.</summary>
    (CheckpointManifest Manifest, IServedModel Served) Load(string model, string version);
}

/// <summary>Loads a version with the recipe that made it (checked against its manifest's SHA-256 first).</summary>
public sealed class RecipeVersionLoader(CheckpointStore store, RecipeCatalog recipes) : IVersionLoader
{
    public (CheckpointManifest Manifest, IServedModel Served) Load(string model, string version) => recipes.Load(store, model, version);
}
