namespace StreamPortal.Components.Model;

/// <summary>
/// A WCS nodeId is "&lt;hash&gt;@&lt;address&gt;": the address tells an operator which server it is, the hash tells
/// nobody anything. Shown by address; the whole id goes in the title.
/// </summary>
public static class NodeText
{
    public static string Address(string? nodeId)
    {
        if (string.IsNullOrEmpty(nodeId)) return "";
        var at = nodeId.LastIndexOf('@');
        return at >= 0 && at < nodeId.Length - 1 ? nodeId[(at + 1)..] : nodeId;
    }
}
