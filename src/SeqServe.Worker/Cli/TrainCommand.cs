using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using SeqServe.Jobs;
using SeqServe.Jobs.Hosting;

namespace SeqServe.Worker.Cli;

/// <summary>
/// <c>train --dataset NAME [--model NAME] [--spec FILE] [--no-promote] [--Storage:ModelsPath=DIR …]</c>:
/// trains one model with its recipe straight into the checkpoint store, without the job store. This is
/// the command that produced the shipped default checkpoints.
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        string? dataset = null, model = null, specFile = null;
        var promote = true;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dataset" when i + 1 < args.Length: dataset = args[++i]; break;
                case "--model" when i + 1 < args.Length: model = args[++i]; break;
                case "--spec" when i + 1 < args.Length: specFile = args[++i]; break;
                case "--no-promote": promote = false; break;
                case "--help" or "-h": return Usage(0);
                default: rest.Add(args[i]); break;
            }
        }
        if (dataset is null) return Usage(2);

        var spec = specFile is null
            ? new JobSpec()
            : JsonSerializer.Deserialize<JobSpec>(File.ReadAllText(specFile), CheckpointManifest.Json) ?? new JobSpec();
        spec = spec with { Dataset = dataset, Model = model ?? spec.Model, Promote = promote };

        using var host = HostSetup.CreateTrainingHost([.. rest]).Build();
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("train");
        var errors = new Dictionary<string, string[]>();
        var recipes = host.Services.GetRequiredService<RecipeCatalog>();
        var recipe = recipes.Find(dataset);
        if (recipe is null)
            SpecBounds.Add(errors, "dataset", $"'{dataset}' has no training recipe; trainable: {string.Join(", ", recipes.All.Select(r => r.Dataset))}.");
        RecipeValidation.Check(recipe, spec, errors);
        if (errors.Count > 0)
        {
            foreach (var (field, messages) in errors) log.LogError("{Field}: {Messages}", field, string.Join(" ", messages));
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            var manifest = host.Services.GetRequiredService<TrainingRunner>()
                .Run(spec, new ConsoleListener(log), cancel.Token);
            Console.WriteLine(JsonSerializer.Serialize(new { manifest.Name, manifest.Version, manifest.Metrics, manifest.TrainingSeconds },
                CheckpointManifest.Json));
            return 0;
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("Cancelled; no checkpoint was written");
            return 130;
        }
        catch (Exception e)
        {
            log.LogError(e, "Training failed");
            return 1;
        }
    }

    private static int Usage(int code)
    {
        Console.Error.WriteLine("usage: train --dataset NAME [--model NAME] [--spec spec.json] [--no-promote] [--Storage:ModelsPath=DIR]");
        Console.Error.WriteLine("spec.json holds {\"architecture\": {…}, \"training\": {…}} as in POST /v1/jobs.");
        return code;
    }

    private sealed class ConsoleListener(ILogger log) : ITrainingListener
    {
        private DateTime last = DateTime.MinValue;

        public void OnProgress(TrainingProgress p)
        {
            if (DateTime.UtcNow - last < TimeSpan.FromSeconds(10)) return;
            last = DateTime.UtcNow;
            log.LogInformation("epoch {Epoch}/{Epochs} step {Step}/{Steps} train loss {Loss:F4}",
                p.Epoch, p.Epochs, p.Step, p.StepsPerEpoch, p.TrainLoss);
        }

        public void OnEpoch(EpochMetrics m) =>
            log.LogInformation("epoch {Epoch}: train loss {TrainLoss:F4} valid loss {ValidLoss:F4} valid accuracy {ValidAccuracy} ({Seconds:F1} s)",
                m.Epoch, m.TrainLoss, m.ValidLoss, m.ValidAccuracy, m.Seconds);

        public void OnMessage(string message) => log.LogInformation("{Message}", message);
    }
}
