using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using StreamPortal.Auth;
using StreamPortal.Ingest;

namespace StreamPortal.Components.Pages;

/// <summary>Retention, API keys, users (admins) and the signed-in user's own password (everyone).</summary>
public sealed partial class Settings
{
    [Inject] private RetentionSettings Retention { get; set; } = default!;
    [Inject] private RetentionJob RetentionJob { get; set; } = default!;
    [Inject] private ApiKeyStore Keys { get; set; } = default!;
    [Inject] private UserAccounts Users { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool _isAdmin;
    private string _userName = "";
    private int? _keepDays;
    private long? _maxEvents;
    private string? _retentionMessage;
    private string? _currentPassword, _newPassword, _accountMessage;
    private IReadOnlyList<ApiKeyItem> _keys = [];
    private string? _keyName;
    private string _keyRole = PortalRoles.Viewer;
    private CreatedApiKey? _createdKey;
    private string? _keyMessage;
    private IReadOnlyList<UserItem> _users = [];
    private string? _newUser, _newUserPassword, _userMessage;
    private string _newUserRole = PortalRoles.Viewer;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        _isAdmin = user.IsInRole(PortalRoles.Admin);
        _userName = user.Identity?.Name ?? "";
        var policy = await Retention.GetAsync(CancellationToken.None);
        (_keepDays, _maxEvents) = (policy.KeepDays, policy.MaxEvents);
        _keys = await Keys.ListAsync(CancellationToken.None);
        if (_isAdmin) _users = await Users.ListAsync(CancellationToken.None);
    }

    private async Task SaveRetentionAsync()
    {
        if (!_isAdmin) return;
        _retentionMessage = await Retention.SaveAsync(new RetentionPolicy(_keepDays, _maxEvents), CancellationToken.None) ?? "Saved.";
    }

    private async Task PruneNowAsync()
    {
        if (!_isAdmin) return;
        var deleted = await RetentionJob.PruneAsync(CancellationToken.None);
        _retentionMessage = $"Deleted {deleted:N0} events.";
    }

    private async Task ChangeOwnPasswordAsync()
    {
        _accountMessage = await Users.ChangeOwnPasswordAsync(_userName, _currentPassword ?? "", _newPassword ?? "", CancellationToken.None)
                          ?? "Password changed.";
        (_currentPassword, _newPassword) = (null, null);
    }

    private async Task CreateKeyAsync()
    {
        if (!_isAdmin) return;
        _keyMessage = null;
        if (string.IsNullOrWhiteSpace(_keyName)) { _keyMessage = "Give the key a name."; return; }
        _createdKey = await Keys.CreateAsync(_keyName, _keyRole, CancellationToken.None);
        _keyName = null;
        _keys = await Keys.ListAsync(CancellationToken.None);
    }

    private async Task RevokeKeyAsync(long id)
    {
        if (!_isAdmin) return;
        await Keys.RevokeAsync(id, CancellationToken.None);
        _keys = await Keys.ListAsync(CancellationToken.None);
    }

    private async Task CreateUserAsync()
    {
        if (!_isAdmin) return;
        _userMessage = await Users.CreateAsync(_newUser ?? "", _newUserPassword ?? "", _newUserRole, CancellationToken.None)
                       ?? $"User {_newUser} added.";
        (_newUser, _newUserPassword) = (null, null);
        _users = await Users.ListAsync(CancellationToken.None);
    }

    private async Task ResetPasswordAsync(string userName)
    {
        if (!_isAdmin) return;
        _userMessage = await Users.SetPasswordAsync(userName, _newUserPassword ?? "", CancellationToken.None)
                       ?? $"Password of {userName} set.";
        _newUserPassword = null;
        _users = await Users.ListAsync(CancellationToken.None);
    }

    private async Task DeleteUserAsync(string userName)
    {
        if (!_isAdmin) return;
        _userMessage = await Users.DeleteAsync(userName, _userName, CancellationToken.None) ?? $"User {userName} deleted.";
        _users = await Users.ListAsync(CancellationToken.None);
    }
}
