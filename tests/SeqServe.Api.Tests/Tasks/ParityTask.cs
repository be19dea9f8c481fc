using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using SeqServe.Api.Predict;
using SeqServe.Api.Tasks;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Api.Tests.Tasks;

/// <summary>
/// A whole task that lives only in the tests, to show what adding a task takes: this file, and one line
/// that registers it (<see cref="TaskRegistrationTests"/>). Running parity of a bit string: at every step,
/// whether an odd number of ones has been seen so far.
/// </summary>
public static class ParityTask
{
    public const string Name = "parity";
    public static TaskRegistration Registration { get; } = new(Name, [new ParityRecipe()]);

    /// <summary>Registers the task and its route.</summary>
    public static IServiceCollection AddParityTask(this IServiceCollection services) =>
        SeqServe.Jobs.Hosting.TaskServices.AddSeqServeTask(services, Registration).AddSingleton<ITaskEndpoints, ParityEndpoints>();

    public static int[] Truth(string bits)
    {
        var odd = 0;
        return [.. bits.Select(b => odd ^= b - '0')];
    }
}

public sealed class ParityRecipe : IModelRecipe
{
    private const int Examples = 800, HeldOut = 200, MaxLength = 10;

    public string Dataset => Data.Name;
    public DatasetInfo Data { get; } = new("bit-parity", "Synthetic: random bit strings and their running parity.",
        "generated from the job's seed", "n/a (synthetic)", null, null);
    public string Task => ParityTask.Name;
    public string Kind => ParityModel.ServedKind;
    public string DefaultModel => "bit-parity";
    public TrainingConfig DefaultTraining { get; } = new()
    {
        Epochs = 10, BatchSize = 32, LearningRate = 0.03, Patience = 3, MaxMinutes = 1,
    };
    private static readonly RecurrentConfig Encoder = new() { Cell = CellKind.Gru, Hidden = 16, Layers = 1 };

    public JobShape Shape(JobSpec spec) =>
        new(ArchitectureResolver.Encoder(spec.Architecture, Encoder, inputSize: 1), this.TrainingFor(spec), MaxLength, Examples, 3, 0);

    public TrainedModel Train(RecipeRun run)
    {
        var strings = Enumerable.Range(0, Examples + 2 * HeldOut)
            .Select(_ => new string([.. Enumerable.Range(0, run.Random.Next(2, MaxLength + 1)).Select(_ => run.Random.Next(2) == 1 ? '1' : '0')]))
            .ToArray();
        var (train, valid, test) = (strings[..Examples], strings[Examples..(Examples + HeldOut)], strings[(Examples + HeldOut)..]);
        var config = ArchitectureResolver.Step(run.Architecture, Encoder, inputSize: 1, outputs: 2);
        var network = new StepNetwork(config);
        var model = new ParityModel(network);
        run.Fit(new Problem(network, train, valid));
        return new TrainedModel(network, ModelFiles.ToJson(config),
            new DatasetRef(Dataset, "generated from the training seed", "train, validation and test strings drawn in that order",
                new() { ["train"] = train.Length, ["validation"] = valid.Length, ["test"] = test.Length }))
        {
            Metrics = new() { ["testAccuracy"] = test.Average(s => model.Parity(s).Zip(ParityTask.Truth(s)).Average(p => p.First == p.Second ? 1.0 : 0.0)) },
        };
    }

    public IServedModel Load(CheckpointManifest manifest, string versionDir) =>
        new ParityModel(ModelFiles.LoadStepNetwork(manifest, versionDir));

    private sealed class Problem(StepNetwork network, string[] train, string[] valid) : ITrainingProblem
    {
        public nn.Module Model => network;
        public int TrainCount => train.Length;

        public IEnumerable<int[]> EpochBatches(Random rng, int batchSize) =>
            PaddedBatches.Bucketed([.. train.Select(s => s.Length)], rng, batchSize, poolBatches: int.MaxValue);

        public Tensor Loss(int[] batch) => Loss(train, batch).Loss;

        public ValidationResult Validate()
        {
            var (loss, correct) = Loss(valid, [.. Enumerable.Range(0, valid.Length)]);
            return new ValidationResult(loss.item<float>(), correct);
        }

        /// <summary>Cross-entropy over the real steps (a batch of one length group is padded to its longest).</summary>
        private (Tensor Loss, double Accuracy) Loss(string[] data, int[] batch)
        {
            var strings = batch.Select(i => data[i]).ToArray();
            var (x, lengths) = ParityModel.Inputs(strings);
            var logits = network.call(x);
            var mask = PaddedBatches.Mask(lengths, x.shape[1]);
            var targets = tensor(strings.SelectMany(s => ParityTask.Truth(s).Select(v => (long)v).Concat(Enumerable.Repeat(0L, (int)x.shape[1] - s.Length))).ToArray(), [strings.Length, x.shape[1]]);
            var real = logits[mask];
            var truth = targets[mask];
            var accuracy = real.argmax(1).eq(truth).to_type(ScalarType.Float32).mean().item<float>();
            return (nn.functional.cross_entropy(real, truth), accuracy);
        }
    }
}

/// <summary>The served parity model: a bit string in, the running parity out.</summary>
public sealed class ParityModel(StepNetwork network) : IServedModel
{
    public const string ServedKind = "parity";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["parity"];

    public static (Tensor X, Tensor Lengths) Inputs(IReadOnlyList<string> strings)
    {
        var (ids, lengths) = PaddedBatches.Pad([.. strings.Select(s => s.Select(c => (long)(c - '0')).ToArray())]);
        return (ids.to_type(ScalarType.Float32).unsqueeze(-1), lengths);
    }

    public int[] Parity(string bits)
    {
        if (bits.Length is 0 or > 64 || bits.Any(c => c is not ('0' or '1')))
            throw new ModelInputException("bits", "must be 1–64 characters, each 0 or 1.");
        return SeqServe.Core.Serving.Inference.Run(() => network.call(Inputs([bits]).X)[0].argmax(1).data<long>().Select(v => (int)v).ToArray());
    }

    public void WarmUp() => Parity("01");
    public void Dispose() => network.Dispose();
}

public sealed record ParityRequest(string Bits);
public sealed record ParityResponse(string Model, string Version, int[] Parity);

internal sealed class ParityEndpoints : ITaskEndpoints
{
    public string Task => ParityTask.Name;

    public void Map(IEndpointRouteBuilder predictions) =>
        predictions.MapPost("/v1/parity/{model}", Handle).WithTags("Parity").WithName("Parity");

    private static async Task<Results<Ok<ParityResponse>, ProblemHttpResult>> Handle(string model, ParityRequest request,
        ModelLookup lookup, InferenceScheduler inference, CancellationToken cancel)
    {
        var (found, problem) = await lookup.Find<ParityModel>(model, null, "parity");
        if (problem is not null) return problem;
        var parity = await inference.RunAlone(model, found!.Version.Version, () => found.Model.Parity(request.Bits), cancel);
        return TypedResults.Ok(new ParityResponse(model, found.Version.Version, parity));
    }
}
