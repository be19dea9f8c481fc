using SeqServe.Core.Tasks;

namespace SeqServe.Core.Pos;

/// <summary>Part-of-speech tagging: sentences in, one tag per token out (English: 12 universal tags; Chinese: 17 UPOS tags).</summary>
public static class PosTask
{
    public const string Name = "pos";
    public static TaskRegistration Registration { get; } = new(Name, [new BrownPosRecipe(), new Chinese.ChinesePosRecipe()]);
}
