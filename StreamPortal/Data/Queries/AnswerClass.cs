namespace StreamPortal.Data.Queries;

/// <summary>
/// Groups of answers an operator triages by (the <c>answer</c> filter of the events list): one exact code is rarely
/// what is wanted first, "everything that was not a plain 200" is.
/// </summary>
public enum AnswerClass
{
    /// <summary>Any answer other than 200.</summary>
    Non200,
    /// <summary>400-499: refusals, rule answers, rejected bodies.</summary>
    ClientError,
    /// <summary>500-599: the portal's own failures and shed load.</summary>
    ServerError,
    /// <summary>Bodies refused as bad input (whatever the code).</summary>
    Rejected,
}

/// <summary>The query-string spelling of <see cref="AnswerClass"/>, shared by the API and the console's URLs.</summary>
public static class AnswerClasses
{
    public const string Non200 = "non200", ClientError = "4xx", ServerError = "5xx", Rejected = "rejected";

    public static readonly IReadOnlyList<string> Names = [Non200, ClientError, ServerError, Rejected];

    public static AnswerClass? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        Non200 => AnswerClass.Non200,
        ClientError => AnswerClass.ClientError,
        ServerError => AnswerClass.ServerError,
        Rejected => AnswerClass.Rejected,
        _ => null,
    };

    public static string Name(AnswerClass c) => c switch
    {
        AnswerClass.Non200 => Non200,
        AnswerClass.ClientError => ClientError,
        AnswerClass.ServerError => ServerError,
        _ => Rejected,
    };

    /// <summary>What the console's filter menu shows.</summary>
    public static string Describe(AnswerClass c) => c switch
    {
        AnswerClass.Non200 => "Not 200",
        AnswerClass.ClientError => "4xx",
        AnswerClass.ServerError => "5xx",
        _ => "Rejected bodies",
    };
}
