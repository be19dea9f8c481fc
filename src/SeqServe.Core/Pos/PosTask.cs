using SeqServe.Core.Tasks;

namespace SeqServe.Core.Pos;

/// <summary>Part-of-speech tagging: sentences in, one of the 12 universal tags per token out.</summary>
public static class PosTask
{
    public const string Name = "pos";
    public static TaskRegistration Registration { get; } = new(Name, [new BrownPosRecipe()]);
}
