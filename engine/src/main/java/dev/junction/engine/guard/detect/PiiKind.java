package dev.junction.engine.guard.detect;
public enum PiiKind { EMAIL, PHONE, CARD, IBAN, US_SSN, UK_NINO, ES_DNI, NL_BSN, IP_ADDRESS;
    public String wireName() { return name().toLowerCase(); }
    public static java.util.Optional<PiiKind> fromWire(String s) { for (PiiKind k : values()) if (k.wireName().equals(s)) return java.util.Optional.of(k); return java.util.Optional.empty(); } }
