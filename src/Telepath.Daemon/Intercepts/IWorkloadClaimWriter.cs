namespace Telepath.Daemon.Intercepts;

/// <summary>
/// Writes the manager's claim value into the workload with the user's own credentials, which proves to
/// the manager that they may patch it (docs/security.md, "Intercepts need patch"), and takes it away again.
/// </summary>
public interface IWorkloadClaimWriter
{
    /// <exception cref="Core.UserErrorException">The user may not patch the workload; the message names the permission.</exception>
    Task WriteAsync(WorkloadClaimTarget target, string value, CancellationToken cancellationToken);

    Task RemoveAsync(WorkloadClaimTarget target, CancellationToken cancellationToken);
}
