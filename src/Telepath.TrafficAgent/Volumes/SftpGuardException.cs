namespace Telepath.TrafficAgent.Volumes;

/// <summary>
/// A laptop sent bytes that are not an SFTP request the guard can judge: the session ends, since a
/// guard that lost the packet boundaries could no longer tell sftp-server's requests apart.
/// </summary>
internal sealed class SftpGuardException(string message) : Exception(message)
{
}
