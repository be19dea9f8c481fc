using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Sequence;

namespace SeqServe.Core.Tasks;

/// <summary>The tasks this build ships. A new task is its own folder plus one line here.</summary>
public static class BuiltInTasks
{
    public static IReadOnlyList<TaskRegistration> All { get; } =
    [
        SequenceTask.Registration,
        SentimentTask.Registration,
        PosTask.Registration,
    ];
}
