using Microsoft.Extensions.DependencyInjection;
using SeqServe.Core.Tasks;

namespace SeqServe.Jobs.Hosting;

public static class TaskServices
{
    /// <summary>Registers a task: the recipe catalogue (training, job validation, datasets, loading) is built from every registered task.</summary>
    public static IServiceCollection AddSeqServeTask(this IServiceCollection services, TaskRegistration task) =>
        services.AddSingleton(task);
}
