using System.Reflection;
using System.Text.Json;
using SeqServe.Core.Training;

namespace SeqServe.Core.Tasks;

/// <summary>
/// The request fields a recipe reads, as JSON paths ("architecture.window"). A request that gives a field
/// its recipe does not read is refused naming it, so a value is never silently ignored.
/// </summary>
public static class RecipeFields
{
    /// <summary>What every recipe reads: the shared encoder's shape and the shared trainer's knobs.</summary>
    public static readonly IReadOnlySet<string> Shared = new HashSet<string>(StringComparer.Ordinal)
    {
        "architecture.cell", "architecture.nonlinearity", "architecture.hidden", "architecture.layers",
        "architecture.bidirectional", "architecture.dropout",
        "architecture.encoder", "architecture.attention", "architecture.heads", "architecture.ffHidden",
        "training.epochs", "training.batchSize", "training.learningRate", "training.optimizer", "training.seed",
        "training.clipNorm", "training.maxExamples", "training.maxMinutes", "training.patience", "training.lrDecay",
        "training.weightsPrecision",
    };

    /// <summary>The shared fields plus <paramref name="more"/> (e.g. "architecture.window").</summary>
    public static IReadOnlySet<string> SharedAnd(params string[] more) =>
        new HashSet<string>(Shared.Concat(more), StringComparer.Ordinal);

    /// <summary>Adds a 400 for every field <paramref name="spec"/> gives that <paramref name="recipe"/> does not read.</summary>
    public static void CheckRead(IModelRecipe recipe, JobSpec spec, IDictionary<string, string[]> errors)
    {
        foreach (var field in Given("architecture", spec.Architecture).Concat(Given("training", spec.Training)))
            if (!recipe.Reads.Contains(field))
                SpecBounds.Add(errors, field, $"dataset '{recipe.Dataset}' does not use this field; leave it out. " +
                                              $"It reads: {string.Join(", ", recipe.Reads.Where(f => !Shared.Contains(f)).Select(f => f).DefaultIfEmpty("only the shared encoder and training fields"))}.");
    }

    private static IEnumerable<string> Given(string section, object? part) => part is null
        ? []
        : part.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetValue(part) is not null)
            .Select(p => $"{section}.{JsonNamingPolicy.CamelCase.ConvertName(p.Name)}");
}
