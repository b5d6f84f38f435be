using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Telepath.KubeApi.TestServer.Auth;

/// <summary>
/// A throwaway self-signed certificate for 127.0.0.1 that is also its own CA. HTTPS is needed
/// because client-go (kubectl) only sends a kubeconfig's token over TLS.
/// </summary>
internal static class ServingCertificate
{
    public static X509Certificate2 Create(IEnumerable<IPAddress> otherAddresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=telepath-test-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        foreach (var address in otherAddresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    public static string ToPem(X509Certificate2 certificate) =>
        new(PemEncoding.Write("CERTIFICATE", certificate.RawData));
}
