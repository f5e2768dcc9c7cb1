export { CertificateFailureReason, type CertificateFailure } from './lib/failure';
export {
  parseCertificate,
  formatName,
  KeyUsage,
  MalformedCertificateError,
  MAX_CERTIFICATE_BYTES,
  type KeyUsageName,
  type NameAttribute,
  type ParsedCertificate,
  type PublicKeyInfo,
} from './lib/certificate';
export { keyFamily, MIN_RSA_BITS, MAX_RSA_BITS, type KeyFamily } from './lib/algorithms';
export {
  TrustStore,
  validateTrustAnchor,
  MAX_LABEL_LENGTH,
  MAX_TRUST_ANCHORS,
  TRUST_ANCHOR_ID_PATTERN,
  type TrustAnchor,
  type TrustAnchorField,
  type TrustAnchorInput,
  type TrustAnchorProblem,
  type TrustAnchorReason,
  type TrustStoreResult,
} from './lib/trust-store';
export { parseCrl, MalformedCrlError, MAX_CRL_BYTES, type ParsedCrl } from './lib/crl';
export {
  verifyCertificateChain,
  MAX_CRLS,
  MAX_INTERMEDIATES,
  type ChainOptions,
  type CertificateRole,
  type CertificateSummary,
  type ChainVerification,
  type VerifiedChain,
} from './lib/chain';
export {
  extractSubjectIdentity,
  type SubjectIdentifier,
  type SubjectIdentifierKind,
  type SubjectIdentifierSource,
  type SubjectIdentity,
} from './lib/subject-identity';
export {
  ChallengeAlgorithm,
  challengeMessage,
  createChallenge,
  verifyChallengeSignature,
  DEFAULT_CHALLENGE_TTL_SECONDS,
  MAX_CHALLENGE_TTL_SECONDS,
  MAX_SIGNATURE_BYTES,
  type ChallengeSignatureOptions,
  type ChallengeVerification,
  type LoginChallenge,
} from './lib/challenge';
export { SM2_DEFAULT_USER_ID } from './lib/sm2';
