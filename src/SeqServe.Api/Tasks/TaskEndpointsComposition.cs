using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SeqServe.Core.Tasks;

namespace SeqServe.Api.Tasks;

public static class TaskEndpointsComposition
{
    /// <summary>Registers the routes of every task in this assembly.</summary>
    public static IServiceCollection AddTaskEndpoints(this IServiceCollection services)
    {
        foreach (var type in typeof(ITaskEndpoints).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITaskEndpoints).IsAssignableFrom(t)))
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ITaskEndpoints), type));
        return services;
    }

    /// <summary>Maps the routes of every registered task; routes for a task that is not registered are a start-up error.</summary>
    public static void MapTaskEndpoints(this IEndpointRouteBuilder predictions)
    {
        var catalog = predictions.ServiceProvider.GetRequiredService<RecipeCatalog>();
        foreach (var endpoints in predictions.ServiceProvider.GetServices<ITaskEndpoints>())
        {
            if (catalog.FindTask(endpoints.Task) is null)
                throw new InvalidOperationException(
                    $"{endpoints.GetType().Name} maps routes for task '{endpoints.Task}', but no such task is registered " +
                    $"(registered: {string.Join(", ", catalog.Tasks.Select(t => t.Name))})");
            endpoints.Map(predictions);
        }
    }
}
