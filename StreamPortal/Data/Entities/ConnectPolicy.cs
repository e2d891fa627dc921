namespace StreamPortal.Data.Entities;

/// <summary>The restClientConfig merged into 200 answers to connect for one appKey ("default" is the fallback).</summary>
public sealed class ConnectPolicy
{
    public string AppKey { get; set; } = "";
    public string RestClientConfigJson { get; set; } = "{}";
    public long UpdatedAtMs { get; set; }
}
