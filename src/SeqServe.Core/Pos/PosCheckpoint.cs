using System.Text.Json.Nodes;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Tasks;
using SeqServe.Core.Text;
using SeqServe.Core.Training;

namespace SeqServe.Core.Pos;

/// <summary>What every tagger recipe writes into and reads from its checkpoint, and the request checks they share.</summary>
public static class PosCheckpoint
{
    /// <summary>The manifest's preprocessing: vocabulary file, feature settings, tag set (the output layer's order) and how text was cut.</summary>
    public static JsonObject Preprocessing(PosFeatures features, IReadOnlyList<string> tags, string tokenizer, double wordDropout)
    {
        var pre = new JsonObject
        {
            ["vocabularyFile"] = Vocabulary.FileName,
            ["words"] = features.Words.WordCount,
            ["buckets"] = features.Config.Buckets,
            ["maxSuffix"] = features.Config.MaxSuffix,
            ["maxPrefix"] = features.Config.MaxPrefix,
        };
        if (features.Lexicon is { } lexicon)
        {
            pre["lexicon"] = lexicon.Name;
            pre["lexiconSlots"] = features.Config.LexiconSlots;
        }
        if (features.Characters is { } characters)
            pre["characters"] = characters.Alphabet;
        pre["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        pre["tokenizer"] = tokenizer;
        pre["wordDropout"] = wordDropout;
        return pre;
    }

    /// <summary>Rebuilds a tagger from a verified checkpoint written with <see cref="Preprocessing"/>; refuses one that does not fit.</summary>
    public static PosTagger LoadTagger(CheckpointManifest manifest, string versionDir, PosLanguage language, IPosLexicon? lexicon = null)
    {
        var config = ModelFiles.FromJson<PosTaggerConfig>(manifest.Architecture, "architecture");
        var pre = manifest.Preprocessing;
        var tags = pre["tags"]?.AsArray().Select(t => t?.GetValue<string>()).ToList();
        if (tags is null || !tags.SequenceEqual(language.TagSet))
            throw new CheckpointException($"the manifest's tag set is not the {language.TagSet.Count} tags of the {language.Code} tagger in order");
        if (pre["lexicon"]?.GetValue<string>() != lexicon?.Name)
            throw new CheckpointException($"the manifest's lexicon is '{pre["lexicon"]?.GetValue<string>()}', the tagger's '{lexicon?.Name}'");
        var words = Vocabulary.Load(Path.Combine(versionDir, pre["vocabularyFile"]?.GetValue<string>() ?? Vocabulary.FileName));
        var features = new PosFeatures(words, new PosFeatureConfig
        {
            Buckets = pre["buckets"]?.GetValue<int>() ?? throw new CheckpointException("manifest has no buckets"),
            MaxSuffix = pre["maxSuffix"]?.GetValue<int>() ?? throw new CheckpointException("manifest has no maxSuffix"),
            MaxPrefix = pre["maxPrefix"]?.GetValue<int>() ?? throw new CheckpointException("manifest has no maxPrefix"),
            LexiconSlots = lexicon is null ? 0 : pre["lexiconSlots"]?.GetValue<int>() ?? throw new CheckpointException("manifest has no lexiconSlots"),
        }, lexicon, pre["characters"]?.GetValue<string>() is { } alphabet ? new CharVocabulary(alphabet) : null);
        if (features.VocabularySize != config.Vocabulary || features.Config.AffixRows != config.AffixRows
            || (config.HasCharacterEncoder ? features.CharacterRows : 0) != config.Characters)
            throw new CheckpointException("the vocabulary file does not fit the architecture in the manifest");
        var network = ModelFiles.LoadWeights(new PosTaggerNetwork(config), versionDir);
        return new PosTagger(network, features, language);
    }

    /// <summary>The manifest's dataset counts: sentences per split, test tokens and how many of them training never saw.</summary>
    public static Dictionary<string, int> Counts(int train, int valid, int test, PosScores scores) => new()
    {
        ["trainSentences"] = train,
        ["validSentences"] = valid,
        ["testSentences"] = test,
        ["testTokens"] = (int)scores.Tokens,
        ["testUnknownTokens"] = (int)scores.UnknownTokens,
    };

    /// <summary>The checks every tagger recipe adds to the shared bounds: no pretrained embeddings, word embeddings of at least 4.</summary>
    public static void Validate(JobSpec spec, IDictionary<string, string[]> errors, string tagger)
    {
        if (spec.Architecture?.PretrainedEmbeddings is not null)
            SpecBounds.Add(errors, "architecture.pretrainedEmbeddings", $"the {tagger} tagger trains its own embeddings; leave it out.");
        if (spec.Architecture?.EmbeddingDim is { } dim && dim < 4)
            SpecBounds.Add(errors, "architecture.embeddingDim", $"must be at least 4 for the tagger (got {dim}).");
    }
}
