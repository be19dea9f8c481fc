using SeqServe.Core.Checkpoints;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;

namespace SeqServe.Tests;

/// <summary>The promoted versions shipped in the repository's models/ folder, loaded the way the registry loads them.</summary>
public static class ShippedModels
{
    public static CheckpointStore Store { get; } = new(Path.Combine(TestPaths.RepoRoot, "models"));

    public static IReadOnlyList<string> Names => Store.ListModels();

    public static (string Version, IServedModel Served) Load(string model)
    {
        var version = Store.PromotedOrNewest(model);
        var (_, served) = RecipeCatalog.BuiltIn.Load(Store, model, version);
        return (version, served);
    }
}
