using SeqServe.Core.Pos;

namespace SeqServe.Core.Tests.Pos;

[Collection(BrownCollection.Name)]
public class BrownCorpusTests(BrownCorpusFixture brown)
{
    [Fact]
    public void Split_has_the_documented_counts()
    {
        Assert.Equal(57_340, brown.All.Count);
        Assert.Equal(1_161_192, brown.All.Sum(s => s.Words.Length));
        Assert.Equal(51_588, brown.Corpus.Train.Count);
        Assert.Equal(5_752, brown.Corpus.Test.Count);
        Assert.Equal(116_753, brown.Corpus.Test.Sum(s => s.Words.Length));
    }

    [Fact]
    public void Validation_is_carved_out_of_train_only()
    {
        var (fit, valid) = BrownCorpus.CarveValidation(brown.Corpus.Train);
        Assert.Equal(brown.Corpus.Train.Count, fit.Count + valid.Count);
        Assert.InRange(valid.Count, 2_000, 3_000);
        var test = brown.Corpus.Test.ToHashSet();
        Assert.DoesNotContain(valid, test.Contains);
    }

    [Fact]
    public void First_sentence_is_read_as_in_the_file()
    {
        var first = brown.All[0];
        Assert.Equal(["The", "Fulton", "County", "Grand", "Jury", "said"], first.Words[..6]);
        Assert.Equal(["at", "np-tl", "nn-tl", "jj-tl", "nn-tl", "vbd"], first.RawTags[..6]);
        Assert.Equal(["DET", "NOUN", "NOUN", "ADJ", "NOUN", "VERB"], first.Tags[..6]);
    }

    [Fact]
    public void Every_raw_tag_in_the_corpus_maps_and_only_interjections_and_nil_become_X()
    {
        var raw = brown.All.SelectMany(s => s.RawTags).ToHashSet();
        Assert.Equal(472, raw.Count);
        foreach (var tag in raw)
        {
            Assert.True(UniversalTags.TryFromBrown(tag, out var universal), $"'{tag}' does not map");
            Assert.Contains(universal, UniversalTags.All);
            if (universal == "X")
                Assert.Contains(UniversalTags.BaseOf(tag), new[] { "uh", "nil" });
        }
        // every universal tag is used
        Assert.Equal(UniversalTags.All.Order(), brown.All.SelectMany(s => s.Tags).Distinct().Order());
    }

    [Fact]
    public void Latin1_words_are_decoded()
    {
        // the corpus has a few accented words (e.g. in foreign names); none may hold a replacement character
        Assert.DoesNotContain(brown.All.SelectMany(s => s.Words), w => w.Contains('\uFFFD'));
    }
}
