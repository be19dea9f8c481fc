using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Tasks;
using SeqServe.Core.Training;
using SeqServe.Jobs;
using SeqServe.Jobs.Hosting;
using Spectre.Console;

namespace SeqServe.Worker.Cli;

/// <summary>
/// <c>train --dataset NAME [--model NAME] [--spec FILE] [--no-promote] [--json] [--Storage:ModelsPath=DIR …]</c>:
/// trains one model with its recipe straight into the checkpoint store, without the job store. This is
/// the command that produced the shipped default checkpoints. It shows a progress bar (epoch, step, loss,
/// ETA) and a summary table; with <c>--json</c> it prints one JSON object at the end and nothing else.
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        string? dataset = null, model = null, specFile = null;
        bool promote = true, json = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dataset" when i + 1 < args.Length: dataset = args[++i]; break;
                case "--model" when i + 1 < args.Length: model = args[++i]; break;
                case "--spec" when i + 1 < args.Length: specFile = args[++i]; break;
                case "--no-promote": promote = false; break;
                case "--json": json = true; break;
                case "--help" or "-h": return Usage(0);
                default: rest.Add(args[i]); break;
            }
        }
        if (dataset is null) return Usage(2);

        var spec = specFile is null
            ? new JobSpec()
            : JsonSerializer.Deserialize<JobSpec>(File.ReadAllText(specFile), CheckpointManifest.Json) ?? new JobSpec();
        spec = spec with { Dataset = dataset, Model = model ?? spec.Model, Promote = promote };

        // The progress bar (or the one JSON object) is the output: log lines only for warnings and errors, unless asked for.
        if (!rest.Any(a => a.StartsWith("--Serilog:", StringComparison.Ordinal))) rest.AddRange(["--Serilog:MinimumLevel:Default", "Warning"]);
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
            var runner = host.Services.GetRequiredService<TrainingRunner>();
            var manifest = json
                ? runner.Run(spec, NullTrainingListener.Instance, cancel.Token)
                : TrainReport.WithProgress(AnsiConsole.Console, listener => runner.Run(spec, listener, cancel.Token));
            var versionDir = host.Services.GetRequiredService<CheckpointStore>().VersionDir(manifest.Name, manifest.Version);
            if (json)
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    manifest.Name, manifest.Version, Path = versionDir, Promoted = promote, manifest.Metrics, manifest.Baseline,
                    Epochs = manifest.History.Count, manifest.StopReason, manifest.TrainingSeconds,
                }, OneLine));
            else TrainReport.Summary(AnsiConsole.Console, manifest, versionDir, promote);
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

    private static readonly JsonSerializerOptions OneLine = new(CheckpointManifest.Json) { WriteIndented = false };

    private static int Usage(int code)
    {
        Console.Error.WriteLine("usage: train --dataset NAME [--model NAME] [--spec spec.json] [--no-promote] [--json] [--Storage:ModelsPath=DIR]");
        Console.Error.WriteLine("spec.json holds {\"architecture\": {…}, \"training\": {…}} as in POST /v1/jobs.");
        return code;
    }
}
