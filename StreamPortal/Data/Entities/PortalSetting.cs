namespace StreamPortal.Data.Entities;

/// <summary>A runtime setting changed from the console (pass-through switch, retention).</summary>
public sealed class PortalSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
