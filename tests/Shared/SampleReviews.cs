namespace SeqServe.Tests;

/// <summary>Movie-review texts of very different lengths (one word to a few hundred), for batching tests.</summary>
public static class SampleReviews
{
    public static readonly string[] Texts =
    [
        "Great.",
        "A dull, lifeless plot and wooden acting. I want my two hours back.",
        "One of the best films I have seen in years: moving, funny and beautifully acted.",
        string.Join(' ', Enumerable.Repeat("The story drags on and the characters never become more than sketches, yet the music is lovely.", 12)),
        "Not bad at all, better than I expected from the trailer.",
        string.Join(' ', Enumerable.Repeat("I laughed, I cried, and I would watch it again tomorrow.", 30)),
        "Awful.",
        "The cast does what it can with a script that has nothing to say.",
    ];
}
