namespace StreamPortal.Components.Model;

/// <summary>A timeline's page, whether keep-alives are shown one by one, and the hook whose drawer is open.</summary>
public sealed record TimelineView(int Page = 1, bool ShowKeepAlives = false, long? EventId = null);
