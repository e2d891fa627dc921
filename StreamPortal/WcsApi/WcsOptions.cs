namespace StreamPortal.WcsApi;

/// <summary>StreamPortal:Wcs configuration: what the portal knows of the WCS servers that call it.</summary>
public sealed class WcsOptions
{
    public const string Section = "StreamPortal:Wcs";

    /// <summary>
    /// WCS's rest_request_timeout in force (seconds; 15 by default, 1-10 advised): how long WCS waits for each answer.
    /// A rule whose delay reaches it is flagged. Editable in Settings (stored there then).
    /// </summary>
    public int RestTimeoutSeconds { get; set; } = 15;

    /// <summary>Base URLs of the WCS nodes' REST API (e.g. http://wcs1:8081), for comparing open streams with WCS's own.</summary>
    public List<string> Nodes { get; set; } = [];

    /// <summary>How often the open streams are compared with the nodes' (seconds); 0: only on demand.</summary>
    public int CompareIntervalSeconds { get; set; }

    /// <summary>Longest wait for one node's answer, the whole answer included (seconds).</summary>
    public int CompareTimeoutSeconds { get; set; } = 5;

    /// <summary>Largest answer read from one node (bytes); a larger one is cut off and the node reported as failed.</summary>
    public int MaxAnswerBytes { get; set; } = 8 * 1024 * 1024;
}
