using System.Diagnostics;
using SeqServe.Core.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Training;

/// <summary>
/// The one training loop: seeded mini-batches, BPTT through the task's loss, Adam or SGD, gradient
/// clipping, per-epoch validation, early stopping (best weights kept), a time budget, cancellation
/// between batches and progress reports. One dispose scope per step.
/// </summary>
public static class Trainer
{
    public static TrainingOutcome Fit(ITrainingProblem problem, TrainingConfig config, ITrainingListener listener,
        CancellationToken cancel)
    {
        NativeRuntime.FlushDenormalsOnThisThread();
        var model = problem.Model;
        var clock = Stopwatch.StartNew();
        var budget = TimeSpan.FromMinutes(config.MaxMinutes);
        var rng = new Random(config.Seed);
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        using var optimizer = ParameterUpdate.Create(config.Optimizer, parameters, config.LearningRate);

        var history = new List<EpochMetrics>();
        Dictionary<string, Tensor>? best = null;
        var bestLoss = double.PositiveInfinity;
        var bestEpoch = 0;
        var sinceBest = 0;
        var stopReason = "completed all epochs";
        var stepsPerEpoch = (problem.TrainCount + config.BatchSize - 1) / config.BatchSize;

        for (var epoch = 1; epoch <= config.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            model.train();
            problem.BeginEpoch();
            double lossSum = 0;
            var steps = 0;
            var outOfTime = false;
            foreach (var batch in problem.EpochBatches(rng, config.BatchSize))
            {
                cancel.ThrowIfCancellationRequested();
                lossSum += Step(problem, optimizer, parameters, batch, config.ClipNorm);
                steps++;
                listener.OnProgress(new TrainingProgress(epoch, config.Epochs, steps, stepsPerEpoch, lossSum / steps));
                if (clock.Elapsed > budget) { outOfTime = true; break; }
            }

            cancel.ThrowIfCancellationRequested();
            ValidationResult valid;
            model.eval();
            using (NewDisposeScope())
            using (no_grad())
                valid = problem.Validate();

            var metrics = new EpochMetrics(epoch, steps == 0 ? double.NaN : lossSum / steps, valid.Loss, valid.Accuracy,
                epochClock.Elapsed.TotalSeconds);
            history.Add(metrics);
            listener.OnEpoch(metrics);

            if (valid.Loss < bestLoss || best is null)
            {
                bestLoss = valid.Loss;
                bestEpoch = epoch;
                sinceBest = 0;
                ReplaceSnapshot(ref best, model);
            }
            else if (++sinceBest >= config.Patience)
            {
                stopReason = $"early stopping: no better validation loss for {config.Patience} epoch(s)";
                break;
            }

            optimizer.LearningRate *= config.LrDecay;
            if (outOfTime)
            {
                stopReason = $"time budget of {config.MaxMinutes} minute(s) reached";
                break;
            }
        }

        if (best is not null)
        {
            model.load_state_dict(best);
            foreach (var t in best.Values) t.Dispose();
        }
        model.eval();
        listener.OnMessage($"training stopped ({stopReason}); kept epoch {bestEpoch}");
        return new TrainingOutcome(history, bestEpoch, stopReason, clock.Elapsed.TotalSeconds);
    }

    private static double Step(ITrainingProblem problem, ParameterUpdate optimizer, IList<TorchSharp.Modules.Parameter> parameters,
        int[] batch, double clipNorm)
    {
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad();
        var loss = problem.Loss(batch);
        loss.backward();
        if (clipNorm > 0) nn.utils.clip_grad_norm_(parameters, clipNorm);
        optimizer.Step();
        return loss.item<float>();
    }

    private static void ReplaceSnapshot(ref Dictionary<string, Tensor>? snapshot, nn.Module model)
    {
        if (snapshot is not null) foreach (var t in snapshot.Values) t.Dispose();
        using (no_grad())
            snapshot = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    /// <summary>Seeds torch's generator and returns a seeded <see cref="Random"/> for data order.</summary>
    public static Random Seed(int seed)
    {
        NativeRuntime.FlushDenormalsOnThisThread(); // before the run's first parallel torch call starts its threads
        torch.manual_seed(seed);
        return new Random(seed);
    }
}
