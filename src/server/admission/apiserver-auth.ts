/**
 * What the API server needs to present a client certificate to the webhook (Kubernetes' "authenticate
 * apiservers"): an AdmissionConfiguration for `--admission-control-config-file` that points the
 * ValidatingAdmissionWebhook plugin at a kubeconfig, and that kubeconfig, whose user is named after the webhook
 * Service's DNS name (`<service>.<namespace>.svc`), which is how the API server picks the credentials for a call.
 * Pure: the caller writes the files.
 */
import jsYaml from 'js-yaml';

export interface ApiServerAuthRequest {
  service: string;
  namespace: string;
  clientCert: string;
  clientKey: string;
  /** Where the kubeconfig will live on the control-plane hosts (the AdmissionConfiguration names it). */
  kubeconfigPath: string;
}

export interface ApiServerAuthFiles {
  admissionConfiguration: string;
  kubeconfig: string;
}

export function apiServerAuthFiles(request: ApiServerAuthRequest): ApiServerAuthFiles {
  const admissionConfiguration = {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'AdmissionConfiguration',
    plugins: [
      {
        name: 'ValidatingAdmissionWebhook',
        configuration: { apiVersion: 'apiserver.config.k8s.io/v1', kind: 'WebhookAdmissionConfiguration', kubeConfigFile: request.kubeconfigPath },
      },
    ],
  };
  const base64 = (pem: string) => Buffer.from(pem).toString('base64');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    users: [
      {
        name: `${request.service}.${request.namespace}.svc`,
        user: { 'client-certificate-data': base64(request.clientCert), 'client-key-data': base64(request.clientKey) },
      },
    ],
  };
  return {
    admissionConfiguration: jsYaml.dump(admissionConfiguration, { lineWidth: -1 }),
    kubeconfig: jsYaml.dump(kubeconfig, { lineWidth: -1 }),
  };
}
