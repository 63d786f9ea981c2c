/**
 * The containers of a workload's pod template that name an image, with the image reference parsed once, for the
 * image rules that judge tags, digests and pull policies.
 */
import { containersOf, type ContainerView } from './containers.js';
import { parseImage, type ImageReference } from './image.js';
import type { K8sObject } from './object.js';
import { podSpecOf } from './pod-spec.js';

export interface ContainerImage {
  view: ContainerView;
  /** The image as written in the manifest. */
  image: string;
  reference: ImageReference;
}

/** In containersOf order; a missing or blank image is left out (controllers may leave it for config management to fill). */
export function containerImagesOf(object: K8sObject): ContainerImage[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const images: ContainerImage[] = [];
  for (const view of containersOf(pod.spec, pod.specPath)) {
    const image = view.container.image;
    if (typeof image !== 'string' || image.trim() === '') continue;
    images.push({ view, image, reference: parseImage(image) });
  }
  return images;
}
