// Okta objects the official provider lacks: Access Requests request types, hook keys, any endpoint as an object, and custom API calls (the native door of pulumi-okta-dynamic).
package oktadynamic
