using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using StreamPortal.Auth;
using StreamPortal.Rules;

namespace StreamPortal.Components.Pages.Rules;

/// <summary>Per-method table of the restClientConfig one appKey (or "default") is given on connect.</summary>
public sealed partial class ConnectPolicyEditor
{
    public sealed class Row
    {
        public string Method { get; set; } = "";
        public string RestOnError { get; set; } = "LOG";
        public string RestPolicy { get; set; } = "NOTIFY";
        public string RestOverwrite { get; set; } = "";
        public string RestExclude { get; set; } = "";
        public string ClientExclude { get; set; } = "";
    }

    [Inject] private ConnectPolicyService Service { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [SupplyParameterFromQuery(Name = "appKey")] public string? AppKeyQuery { get; set; }

    private bool _canEdit;
    private string _appKey = ConnectPolicies.DefaultKey;
    private string _appKeyInput = ConnectPolicies.DefaultKey;
    private string _source = "none";
    private List<Row> _rows = [];
    private List<string> _known = [];
    private string? _methodToAdd;
    private Dictionary<string, string[]> _errors = [];
    private bool _saved;

    private string SourceText => _source switch
    {
        "app" => $"App {_appKey} has a policy of its own.",
        "default" when _appKey == ConnectPolicies.DefaultKey => "The default policy: used by every app without one of its own.",
        "default" => $"App {_appKey} has no policy of its own and uses the default one (shown). Saving creates its own.",
        _ => $"No policy for {_appKey} and no default: connect answers carry no restClientConfig.",
    };

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null) _canEdit = (await AuthState).User.IsInRole(PortalRoles.Admin);
        await LoadAsync(string.IsNullOrWhiteSpace(AppKeyQuery) ? ConnectPolicies.DefaultKey : AppKeyQuery);
    }

    private async Task LoadAsync(string? appKey)
    {
        if (string.IsNullOrWhiteSpace(appKey)) return;
        _appKey = _appKeyInput = appKey.Trim();
        _errors = [];
        _saved = false;
        var view = Service.Get(_appKey);
        _source = view.Source;
        _rows = view.RestClientConfig.Select(kv => new Row
        {
            Method = kv.Key, RestOnError = kv.Value.RestOnError, RestPolicy = kv.Value.RestPolicy,
            RestOverwrite = kv.Value.RestOverwrite, RestExclude = kv.Value.RestExclude, ClientExclude = kv.Value.ClientExclude,
        }).ToList();
        _known = (await Service.ListAsync(CancellationToken.None)).Select(p => p.AppKey).ToList();
        if (!_known.Contains(ConnectPolicies.DefaultKey)) _known.Insert(0, ConnectPolicies.DefaultKey);
    }

    private void AddMethod()
    {
        if (string.IsNullOrEmpty(_methodToAdd)) return;
        _rows.Add(new Row { Method = _methodToAdd, RestOnError = "FAIL" });
        _methodToAdd = null;
    }

    private async Task SaveAsync()
    {
        var input = new ConnectPolicyInput
        {
            RestClientConfig = _rows.ToDictionary(r => r.Method, r => (MethodPolicy?)new MethodPolicy
            {
                RestOnError = r.RestOnError, RestPolicy = r.RestPolicy, RestOverwrite = r.RestOverwrite ?? "",
                RestExclude = r.RestExclude ?? "", ClientExclude = r.ClientExclude ?? "",
            }),
        };
        var result = await Service.PutAsync(_appKey, input, CancellationToken.None);
        if (result.Errors is { } errors) { _errors = errors; return; }
        await LoadAsync(_appKey);
        _saved = true;
    }

    private async Task RemoveAsync()
    {
        await Service.DeleteAsync(_appKey, CancellationToken.None);
        await LoadAsync(_appKey);
    }
}
