using System.Text.Json;
using System.Text.Json.Nodes;

namespace SeqServe.Tests;

/// <summary>
/// The TorchScript fixture made by real PyTorch (tests/Fixtures/torchscript/make_fixture.py): a small LSTM
/// classifier, the signature it is uploaded with, and PyTorch's own outputs for fixed inputs.
/// </summary>
public static class TorchScriptFixture
{
    public static string Dir { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "Fixtures", "torchscript");
    public static string ModelPath { get; } = Path.Combine(Dir, "lstm_classifier.pt");
    public static string SignatureJson { get; } = File.ReadAllText(Path.Combine(Dir, "lstm_classifier.json"));

    /// <summary>PyTorch's answer for one fixed input: input (shape, row-major values), logits, softmax and labels.</summary>
    public sealed record Case(long[] Shape, float[] Input, float[] Logits, float[] Probabilities, string[] Labels);

    public static IReadOnlyList<Case> Cases { get; } = ReadCases();

    /// <summary>The PyTorch version that made it.</summary>
    public static string TorchVersion { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "lstm_classifier.outputs.json")))!["torch"]!.GetValue<string>();

    private static List<Case> ReadCases()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "lstm_classifier.outputs.json")))!;
        return root["cases"]!.AsArray().Select(c => new Case(
            c!["shape"].Deserialize<long[]>()!, c["input"].Deserialize<float[]>()!, c["logits"].Deserialize<float[]>()!,
            c["probabilities"].Deserialize<float[]>()!, c["labels"].Deserialize<string[]>()!)).ToList();
    }

    /// <summary>The largest |a − b| over two equally long arrays.</summary>
    public static double MaxDifference(float[] expected, float[] actual)
    {
        if (expected.Length != actual.Length) throw new ArgumentException($"lengths differ: {expected.Length} vs {actual.Length}");
        return expected.Zip(actual, (a, b) => Math.Abs((double)a - b)).DefaultIfEmpty(0).Max();
    }
}
