namespace StreamPortal.Rules;

/// <summary>Randomness for probability limits and delay ranges; injected so that tests can decide the draw.</summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();

    /// <summary>An integer in [min, maxInclusive].</summary>
    int Next(int min, int maxInclusive);
}

public sealed class SharedRandomSource : IRandomSource
{
    public double NextDouble() => Random.Shared.NextDouble();
    public int Next(int min, int maxInclusive) => Random.Shared.Next(min, maxInclusive + 1);
}
