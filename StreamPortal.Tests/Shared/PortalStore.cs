namespace StreamPortal.Tests.Shared;

/// <summary>The two stores the portal runs on (<c>StreamPortal:Storage:Provider</c>).</summary>
public enum PortalStore
{
    Sqlite,
    Postgres,
}
