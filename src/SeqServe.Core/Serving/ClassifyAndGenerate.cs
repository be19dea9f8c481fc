using SeqServe.Core.Serving.Batching;

namespace SeqServe.Core.Serving;

/// <summary>Classifies a whole sequence of feature vectors (an MNIST digit read as 28 rows of 28 pixels); as a batch kernel, rows → classification.</summary>
public interface ISequenceClassifier : IServedModel, IBatchKernel<float[][], Classification>
{
    /// <summary>Steps the model reads (rows of an image).</summary>
    int Steps { get; }
    /// <summary>Features per step (pixels per row).</summary>
    int Features { get; }
    /// <summary>Class names, in the order of <see cref="Classification.Probabilities"/>.</summary>
    IReadOnlyList<string> Labels { get; }
    /// <summary><paramref name="rows"/>: <see cref="Steps"/> rows of <see cref="Features"/> values in [0, 1].</summary>
    Classification Classify(float[][] rows);
    /// <summary>Throws <see cref="ModelInputException"/> naming the row or value that is out of shape or range.</summary>
    void Validate(float[][] rows);
    /// <summary>An uploaded image (PNG) as the <see cref="Steps"/> rows of <see cref="Features"/> values the model reads;
    /// throws <see cref="ModelInputException"/> for an image it cannot read.</summary>
    float[][] ReadImage(byte[] image);
}

/// <summary>The most probable class and every class's probability.</summary>
public sealed record Classification(string Label, float[] Probabilities);

/// <summary>Continues a text prompt character by character.</summary>
public interface ISequenceGenerator : IServedModel
{
    /// <summary>The characters the model knows (a prompt may use only these).</summary>
    string Alphabet { get; }
    /// <summary>Generates <paramref name="length"/> characters after <paramref name="prompt"/>; the same seed gives the same text.</summary>
    string Generate(string prompt, int length, double temperature, int? seed);
}
