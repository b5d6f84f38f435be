using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>
/// The service account signing key, made when the server starts (kube-apiserver's
/// <c>--service-account-signing-key-file</c>): RS256, with the key id kube-apiserver derives, the
/// unpadded base64url SHA-256 of the public key's DER.
/// </summary>
internal sealed class SigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);

    public SigningKey()
    {
        KeyId = Base64Url.EncodeToString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()));
    }

    public string KeyId { get; }

    public byte[] Sign(string signingInput) =>
        rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public bool Verifies(string signingInput, byte[] signature) =>
        rsa.VerifyData(Encoding.ASCII.GetBytes(signingInput), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose() => rsa.Dispose();
}
