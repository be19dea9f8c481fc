using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using SeqServe.Api.Hosting;
using SeqServe.Api.Predict;
using SeqServe.Core.Serving.Batching;

namespace SeqServe.Api.Batching;

/// <summary>The shared batcher: options validated at start-up, one <see cref="InferenceScheduler"/> for every model and task.</summary>
public static class BatchingServices
{
    public static IServiceCollection AddSeqServeBatching(this IServiceCollection services)
    {
        services.AddOptions<BatchingOptions>().BindConfiguration(BatchingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var batching = sp.GetRequiredService<IOptions<BatchingOptions>>().Value;
            var serving = sp.GetRequiredService<IOptions<ServingOptions>>().Value;
            return new InferenceScheduler(new SchedulerSettings(batching.Enabled, batching.MaxBatch, batching.MaxDelayMs,
                batching.QueueLimit, serving.InferenceThreads, serving.IntraOpThreads), sp.GetService<IMeterFactory>());
        });
        return services;
    }

    /// <summary>Queues one item per input on the model's queue; results come back in order, computed by <paramref name="found"/>'s version.</summary>
    public static Task<TOut[]> Submit<TOp, TIn, TOut>(this InferenceScheduler scheduler, ModelLookup.Found<TOp> found,
        IBatchKernel<TIn, TOut> kernel, IReadOnlyList<TIn> inputs, CancellationToken cancellation) =>
        scheduler.Submit(found.Version.Model, found.Version.Version, kernel, inputs, cancellation);

    /// <summary>Runs unbatched work for <paramref name="found"/> on an inference thread.</summary>
    public static Task<T> RunAlone<TOp, T>(this InferenceScheduler scheduler, ModelLookup.Found<TOp> found, Func<T> body,
        CancellationToken cancellation) =>
        scheduler.RunAlone(found.Version.Model, found.Version.Version, body, cancellation);
}
