namespace SeqServe.Api.Tasks;

/// <summary>
/// A task's routes. One class per task, next to its handlers; the API maps the routes of every registered
/// task (its <c>TaskRegistration</c>) inside the prediction group, which carries the access rule and the
/// rate limit once. Classes in this assembly are found by type; a host or test adds others with
/// <c>services.AddSingleton&lt;ITaskEndpoints, …&gt;()</c>.
/// </summary>
public interface ITaskEndpoints
{
    /// <summary>The task's registered name.</summary>
    string Task { get; }

    void Map(IEndpointRouteBuilder predictions);
}
