using System.Net.Sockets;
using Npgsql;

namespace SeqServe.Jobs.Storage;

/// <summary>Tells a database that is not there yet (worth waiting for) from one that will never let us in.</summary>
internal static class StartupFailure
{
    public static bool IsTransient(Exception e) => Innermost(e) switch
    {
        PostgresException p => p.SqlState is "57P03" /* starting up */ or "57P01" or "53300" /* too many connections */,
        NpgsqlException { IsTransient: true } => true,
        SocketException or TimeoutException => true,
        _ => e is NpgsqlException { IsTransient: true } || e.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>One line, no stack trace, no password.</summary>
    public static string Describe(Exception e)
    {
        var inner = Innermost(e);
        return inner is PostgresException p ? $"{p.SqlState} {p.MessageText}" : inner.Message;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } next && e is not PostgresException) e = next;
        return e;
    }
}
