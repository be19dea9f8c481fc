using SeqServe.Core.Data;
using SeqServe.Core.Sequence;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharMapping;

/// <summary>
/// The seeds' character mapping "hello" → "ohlol": characters → (embedding | one-hot) → recurrent
/// encoder → Linear over the alphabet at every step, cross-entropy per step. Reads architecture cell,
/// hidden, layers, bidirectional, dropout, inputOutputDropout, nonlinearity, embeddingDim and inputEncoding
/// ("embedding", default, as the Embedding seed; "one-hot", as the RNNCell seed).
/// Metric: testAccuracy = fraction of characters mapped right.
/// </summary>
public sealed class CharMappingRecipe : IModelRecipe
{
    public const string Source = "hello", Target = "ohlol";
    public const int MaxTextLength = 256;

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("hello-ohlol", "Synthetic: the seeds' character mapping \"hello\" → \"ohlol\".", "the seeds", "n/a (synthetic)", null, 1);
    public IReadOnlySet<string> Reads { get; } = RecipeFields.SharedAnd("architecture.embeddingDim", "architecture.inputEncoding", "architecture.inputOutputDropout");
    public string Task => SequenceTask.Name;
    public string Kind => CharMapper.ServedKind;
    public string DefaultModel => "hello-ohlol";

    public static readonly RecurrentConfig DefaultEncoder = new() { Cell = CellKind.Rnn, Hidden = 16, Layers = 1 };

    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 100, BatchSize = 1, LearningRate = 0.05, Patience = 20, MaxMinutes = 5,
    };

    public static string Alphabet => new(Source.Concat(Target).Distinct().Order().ToArray());

    /// <summary>For the cost check: steps per example, training examples, numbers stored per step, embedding/head parameters.</summary>
    public JobShape Shape(JobSpec spec)
    {
        var t = this.TrainingFor(spec);
        return new JobShape(ArchitectureResolver.Encoder(spec.Architecture, DefaultEncoder, inputSize: spec.Architecture?.EmbeddingDim ?? 8), t,
            Steps: MaxTextLength, Examples: 1, FloatsPerStep: 2, OtherParameters: (spec.Architecture?.EmbeddingDim ?? 8) * 64L + 64L * 64);
    }

    public TrainedModel Train(RecipeRun run)
    {
        var spec = run.Spec;
        var oneHot = spec.Architecture?.InputEncoding == "one-hot";
        var alphabet = Alphabet;
        var embeddingDim = spec.Architecture?.EmbeddingDim ?? 8;
        var config = ArchitectureResolver.Step(spec.Architecture, DefaultEncoder, oneHot ? alphabet.Length : embeddingDim,
            outputs: alphabet.Length, vocabulary: oneHot ? null : alphabet.Length);
        var network = new StepNetwork(config);
        var mapper = new CharMapper(network, alphabet, oneHot, MaxTextLength);
        var x = mapper.Encode(Source);
        var y = mapper.Encode(Target);
        run.Fit(new Problem(network, mapper, x, y));

        var mapped = mapper.Map(Source);
        var accuracy = mapped.Zip(Target).Count(p => p.First == p.Second) / (double)Target.Length;
        return new TrainedModel(network, ModelFiles.ToJson(config),
            new DatasetRef(Dataset, "the seeds' example pair",
                $"one pair, \"{Source}\" → \"{Target}\"; train, validation and test are that pair (a memorisation task)",
                new() { ["train"] = 1, ["validation"] = 1, ["test"] = 1 }))
        {
            Preprocessing = new() { ["alphabet"] = alphabet, ["inputEncoding"] = oneHot ? "one-hot" : "embedding" },
            Metrics = new() { ["testAccuracy"] = accuracy },
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir)
    {
        var config = ModelFiles.FromJson<StepNetworkConfig>(manifest.Architecture, "architecture");
        var alphabet = manifest.Preprocessing["alphabet"]?.GetValue<string>()
                       ?? throw new CheckpointException("manifest has no alphabet");
        var oneHot = manifest.Preprocessing["inputEncoding"]?.GetValue<string>() == "one-hot";
        if (config.Outputs != alphabet.Length)
            throw new CheckpointException($"the network has {config.Outputs} outputs for an alphabet of {alphabet.Length}");
        var network = ModelFiles.LoadWeights(new StepNetwork(config), versionDir);
        return new CharMapper(network, alphabet, oneHot, MaxTextLength);
    }

    private sealed class Problem(StepNetwork network, CharMapper mapper, long[] x, long[] y) : ITrainingProblem
    {
        public nn.Module Model => network;
        public int TrainCount => 1;

        public Tensor Loss(int[] batch)
        {
            var logits = network.call(mapper.Input(x));
            return nn.functional.cross_entropy(logits.reshape(-1, mapper.Alphabet.Length), tensor(y));
        }

        public ValidationResult Validate()
        {
            var logits = network.call(mapper.Input(x));
            var loss = nn.functional.cross_entropy(logits.reshape(-1, mapper.Alphabet.Length), tensor(y)).item<float>();
            var predicted = logits.argmax(2)[0].data<long>().ToArray();
            return new ValidationResult(loss, predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Length);
        }
    }
}
